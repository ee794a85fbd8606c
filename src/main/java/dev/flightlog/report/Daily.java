package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.DATE;
import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;

import dev.flightlog.Usage;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Reads;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code report daily}: per day in the query's time zone, the tokens, cost, requests and models of
 * the model requests made that day, oldest first. A day is the sum of the 15-minute buckets that
 * start on it in that zone (see {@code store.Grouping.Days}). Requests whose time is unknown are
 * one last row with a null date.
 */
final class Daily {
  private Daily() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("date", "Date", DATE),
          Column.of("input_tokens", "Input", NUMBER),
          Column.of("output_tokens", "Output", NUMBER),
          Column.of("cache_read_tokens", "Cache read", NUMBER),
          Column.of("cache_creation_tokens", "Cache write", NUMBER),
          Column.of("total_tokens", "Total tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("requests", null, NUMBER),
          Column.of("models", null, LIST),
          Column.of("unpriced_models", null, LIST));

  private static final class Day {
    long requests;
    Usage usage = Usage.ZERO;
    Cost cost = Cost.ZERO;
    final SortedSet<String> models = new TreeSet<>();

    void add(Day other) {
      requests += other.requests;
      usage = usage.plus(other.usage);
      cost = cost.plus(other.cost);
      models.addAll(other.models);
    }
  }

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    var days = new TreeMap<Long, Day>();
    for (var row : reads.usage(query.filter(), Grouping.days(query.zone()))) {
      var day = days.computeIfAbsent(row.period(), period -> new Day());
      day.requests += row.usage().requests();
      day.usage = day.usage.plus(row.usage().usage());
      day.cost = day.cost.plus(Cost.of(row.usage(), prices));
      day.models.add(Cost.modelName(row.usage().model()));
    }
    var unknown = days.remove(Grouping.UNKNOWN_TIME);
    var rows = new ArrayList<List<Value>>();
    var total = new Day();
    days.forEach(
        (period, day) -> {
          rows.add(line(new Value.Day(LocalDate.ofEpochDay(period)), day));
          total.add(day);
        });
    if (unknown != null) {
      rows.add(line(Value.UNKNOWN, unknown));
      total.add(unknown);
    }
    var notes = new ArrayList<String>();
    notes.add("Days are in " + query.zone().getId() + ".");
    notes.addAll(prices.advice(total.cost.unpricedModels()));
    return new Result(COLUMNS, rows, false, line(Value.text("Total"), total), notes);
  }

  private static List<Value> line(Value date, Day day) {
    return List.of(
        date,
        Value.count(day.usage.inputTokens()),
        Value.count(day.usage.outputTokens()),
        Value.count(day.usage.cacheReadTokens()),
        Value.count(day.usage.cacheCreationTokens()),
        Value.count(day.usage.totalTokens()),
        Value.usd(day.cost.usd()),
        Value.count(day.requests),
        Value.names(List.copyOf(day.models)),
        Value.names(List.copyOf(day.cost.unpricedModels())));
  }
}
