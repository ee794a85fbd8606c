package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.DATE;
import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.Usage;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Reads;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code report daily}: per day in the query's time zone, the tokens, cost, requests and models of
 * the model requests made that day, and the tool calls and failed calls ({@code error}) of that
 * day, oldest first; {@code report weekly} and {@code monthly} group the same days (see {@link
 * #byPeriod}). A day is the sum of the 15-minute buckets that start on it in that zone (see {@code
 * store.Grouping.Days}). Requests whose time is unknown are one last row with a null date.
 */
final class Daily {
  private Daily() {}

  // Before COLUMNS, which is built from it.
  /** The tokens and cost of a period, in both the plain and the {@code --breakdown} rows. */
  private static final List<Column> USAGE_COLUMNS =
      List.of(
          Column.of("input_tokens", "Input", NUMBER),
          Column.of("output_tokens", "Output", NUMBER),
          Column.of("cache_read_tokens", "Cache read", NUMBER),
          Column.of("cache_creation_tokens", "Cache write", NUMBER),
          Column.of("total_tokens", "Total tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY));

  static final List<Column> COLUMNS = columns(Column.of("date", "Date", DATE));

  /** The columns of a report of periods: the period's column, then the sums of {@link Sums}. */
  static List<Column> columns(Column period) {
    var columns = new ArrayList<Column>();
    columns.add(period);
    columns.addAll(USAGE_COLUMNS);
    columns.add(Column.of("requests", null, NUMBER));
    columns.add(Column.of("tool_calls", "Tool calls", NUMBER));
    columns.add(Column.of("tool_errors", "Errors", NUMBER));
    columns.add(Column.of("models", null, LIST));
    columns.add(Column.of("unpriced_models", null, LIST));
    return List.copyOf(columns);
  }

  /** The values of {@link #USAGE_COLUMNS}. */
  private static List<Value> usage(Sums sums) {
    return List.of(
        Value.count(sums.usage.inputTokens()),
        Value.count(sums.usage.outputTokens()),
        Value.count(sums.usage.cacheReadTokens()),
        Value.count(sums.usage.cacheCreationTokens()),
        Value.count(sums.usage.totalTokens()),
        Value.usd(sums.cost.usd()));
  }

  /** The requests, tokens, cost and models of a period, and its tool calls and failed calls. */
  private static final class Sums {
    long requests;
    long toolCalls;
    long toolErrors;
    Usage usage = Usage.ZERO;
    Cost cost = Cost.ZERO;
    final SortedSet<String> models = new TreeSet<>();

    void add(Sums other) {
      requests += other.requests;
      toolCalls += other.toolCalls;
      toolErrors += other.toolErrors;
      usage = usage.plus(other.usage);
      cost = cost.plus(other.cost);
      models.addAll(other.models);
    }
  }

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    return byPeriod(
        reads,
        prices,
        query,
        COLUMNS,
        day -> day,
        Value.Day::new,
        "Days are in " + query.zone().getId() + ".");
  }

  /**
   * The sums of the days in range grouped into periods, oldest first: {@code period} maps a local
   * date to the first day of its period, {@code label} that first day to the period's value. The
   * days are those of {@code report daily}, so daily, weekly and monthly add up to the same totals.
   * Requests whose time is unknown are one last row with an unknown period.
   */
  static Result byPeriod(
      Reads reads,
      PriceTable prices,
      ReportQuery query,
      List<Column> columns,
      UnaryOperator<LocalDate> period,
      Function<LocalDate, Value> label,
      String note) {
    if (query.breakdown()) {
      return byPeriodAndModel(reads, prices, query, columns.getFirst(), period, label, note);
    }
    var periods = new TreeMap<LocalDate, Sums>();
    Sums unknown = null;
    for (var row : reads.usage(query.filter(), Grouping.days(query.zone()))) {
      var day = new Sums();
      day.requests = row.usage().requests();
      day.usage = row.usage().usage();
      day.cost = Cost.of(row.usage(), prices);
      day.models.add(Cost.modelName(row.usage().model()));
      if (row.period() == Grouping.UNKNOWN_TIME) {
        unknown = unknown == null ? new Sums() : unknown;
        unknown.add(day);
      } else {
        periods
            .computeIfAbsent(period.apply(LocalDate.ofEpochDay(row.period())), first -> new Sums())
            .add(day);
      }
    }
    // Tool calls have no model: a model filter narrows tokens, requests and cost only.
    for (var row : reads.tools(query.filter(), Grouping.days(query.zone()))) {
      Sums sums;
      if (row.period() == Grouping.UNKNOWN_TIME) {
        unknown = unknown == null ? new Sums() : unknown;
        sums = unknown;
      } else {
        sums =
            periods.computeIfAbsent(
                period.apply(LocalDate.ofEpochDay(row.period())), first -> new Sums());
      }
      sums.toolCalls += row.calls();
      sums.toolErrors += row.errors();
    }
    var rows = new ArrayList<List<Value>>();
    var total = new Sums();
    for (var entry : periods.entrySet()) {
      rows.add(line(label.apply(entry.getKey()), entry.getValue()));
      total.add(entry.getValue());
    }
    if (unknown != null) {
      rows.add(line(Value.UNKNOWN, unknown));
      total.add(unknown);
    }
    var notes = new ArrayList<String>();
    notes.add(note);
    notes.addAll(prices.advice(total.cost.unpricedModels()));
    return new Result(columns, rows, false, line(Value.text("Total"), total), notes);
  }

  /**
   * {@code --breakdown}: one row per period and model, periods oldest first, then models by name;
   * the same sums as the rows without the breakdown, split by model (tool calls have no model and
   * are left out).
   */
  private static Result byPeriodAndModel(
      Reads reads,
      PriceTable prices,
      ReportQuery query,
      Column periodColumn,
      UnaryOperator<LocalDate> period,
      Function<LocalDate, Value> label,
      String note) {
    record Key(long period, String model) {}
    var sums =
        new TreeMap<Key, Sums>(Comparator.comparingLong(Key::period).thenComparing(Key::model));
    for (var row : reads.usage(query.filter(), Grouping.days(query.zone()))) {
      long first =
          row.period() == Grouping.UNKNOWN_TIME
              ? Long.MAX_VALUE
              : period.apply(LocalDate.ofEpochDay(row.period())).toEpochDay();
      var model = Cost.modelName(row.usage().model());
      var day = new Sums();
      day.requests = row.usage().requests();
      day.usage = row.usage().usage();
      day.cost = Cost.of(row.usage(), prices);
      day.models.add(model);
      sums.computeIfAbsent(new Key(first, model), key -> new Sums()).add(day);
    }
    var rows = new ArrayList<List<Value>>();
    var total = new Sums();
    for (var entry : sums.entrySet()) {
      var key = entry.getKey();
      var value = entry.getValue();
      rows.add(
          breakdownLine(
              key.period() == Long.MAX_VALUE
                  ? Value.UNKNOWN
                  : label.apply(LocalDate.ofEpochDay(key.period())),
              Value.text(key.model()),
              value));
      total.add(value);
    }
    var notes = new ArrayList<String>();
    notes.add(note + " One row per model.");
    notes.addAll(prices.advice(total.cost.unpricedModels()));
    return new Result(
        breakdownColumns(periodColumn),
        rows,
        false,
        breakdownLine(Value.text("Total"), Value.UNKNOWN, total),
        notes);
  }

  /** The columns of {@code --breakdown}: the period, the model, then its sums. */
  static List<Column> breakdownColumns(Column period) {
    var columns = new ArrayList<Column>();
    columns.add(period);
    columns.add(Column.of("model", "Model", TEXT));
    columns.addAll(USAGE_COLUMNS);
    columns.add(Column.of("requests", "Requests", NUMBER));
    return List.copyOf(columns);
  }

  private static List<Value> breakdownLine(Value period, Value model, Sums sums) {
    var values = new ArrayList<Value>();
    values.add(period);
    values.add(model);
    values.addAll(usage(sums));
    values.add(Value.count(sums.requests));
    return List.copyOf(values);
  }

  private static List<Value> line(Value period, Sums sums) {
    var values = new ArrayList<Value>();
    values.add(period);
    values.addAll(usage(sums));
    values.add(Value.count(sums.requests));
    values.add(Value.count(sums.toolCalls));
    values.add(Value.count(sums.toolErrors));
    values.add(Value.names(List.copyOf(sums.models)));
    values.add(Value.names(List.copyOf(sums.cost.unpricedModels())));
    return List.copyOf(values);
  }
}
