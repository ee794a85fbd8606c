package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.Usage;
import dev.flightlog.store.Reads;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code report blocks}: Claude's 5-hour usage blocks (see {@code metrics.Blocks}) of the model
 * requests in range, oldest first, each with its last active hour, its tokens, cost and models. The
 * block that contains the current time (of the clock the report is given) is {@code active}; a note
 * says how long it has left. Requests whose time is unknown are in no block.
 */
final class FiveHourBlocks {
  private FiveHourBlocks() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("start", "Start", TIME),
          Column.of("end", null, TIME),
          Column.of("last_activity", "Last activity", TIME),
          Column.of("active", "Active", TEXT),
          Column.of("requests", "Requests", NUMBER),
          Column.of("input_tokens", null, NUMBER),
          Column.of("output_tokens", null, NUMBER),
          Column.of("cache_read_tokens", null, NUMBER),
          Column.of("cache_creation_tokens", null, NUMBER),
          Column.of("total_tokens", "Tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("models", "Models", LIST),
          Column.of("unpriced_models", null, LIST));

  static Result compute(Reads reads, PriceTable prices, ReportQuery query, Instant now) {
    var rows = new ArrayList<List<Value>>();
    long totalRequests = 0;
    var totalUsage = Usage.ZERO;
    var totalCost = Cost.ZERO;
    var notes = new ArrayList<String>();
    notes.add(
        "A block starts at the whole UTC hour of the first request after the previous block and"
            + " lasts 5 hours; times are in "
            + query.zone().getId()
            + ".");
    for (var row : reads.periods().blocks(query.filter())) {
      var block = row.block();
      long requests = 0;
      var usage = Usage.ZERO;
      var cost = Cost.ZERO;
      var models = new TreeSet<String>();
      for (var model : row.models()) {
        requests += model.requests();
        usage = usage.plus(model.usage());
        cost = cost.plus(Cost.of(model, prices));
        models.add(Cost.modelName(model.model()));
      }
      boolean active = !now.isBefore(block.start()) && now.isBefore(block.end());
      if (active) {
        notes.add(active(block.start(), block.end(), now, cost, query.zone()));
      }
      totalRequests += requests;
      totalUsage = totalUsage.plus(usage);
      totalCost = totalCost.plus(cost);
      rows.add(
          List.of(
              Value.time(block.start()),
              Value.time(block.end()),
              Value.time(block.last()),
              Value.text(active ? "yes" : "no"),
              Value.count(requests),
              Value.count(usage.inputTokens()),
              Value.count(usage.outputTokens()),
              Value.count(usage.cacheReadTokens()),
              Value.count(usage.cacheCreationTokens()),
              Value.count(usage.totalTokens()),
              Value.usd(cost.usd()),
              Value.names(List.copyOf(models)),
              Value.names(List.copyOf(cost.unpricedModels()))));
    }
    notes.addAll(prices.advice(totalCost.unpricedModels()));
    var total =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(totalRequests),
            Value.count(totalUsage.inputTokens()),
            Value.count(totalUsage.outputTokens()),
            Value.count(totalUsage.cacheReadTokens()),
            Value.count(totalUsage.cacheCreationTokens()),
            Value.count(totalUsage.totalTokens()),
            Value.usd(totalCost.usd()),
            Value.UNKNOWN,
            Value.names(List.copyOf(totalCost.unpricedModels())));
    return new Result(COLUMNS, rows, false, total, notes);
  }

  /** The note on the active block: when it ends, how long that is, what it has cost so far. */
  private static String active(Instant start, Instant end, Instant now, Cost cost, ZoneId zone) {
    long minutes = Duration.between(now, end).toMinutes();
    var usd = cost.usd();
    return "The active block started "
        + TableOutput.MINUTE.format(start.atZone(zone))
        + " and ends "
        + TableOutput.MINUTE.format(end.atZone(zone))
        + ", in "
        + (minutes >= 60 ? minutes / 60 + " h " : "")
        + minutes % 60
        + " min; so far it cost "
        + (usd == null ? "an unknown amount" : "$" + usd.setScale(2, RoundingMode.HALF_UP))
        + ".";
  }
}
