package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PERCENT;
import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.store.DurationHistogram;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Reads;
import dev.flightlog.store.ToolCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code report tools}: per tool, the calls in range by outcome, the success rate and the p50 and
 * p95 durations (see {@link SuccessRate} and {@link Percentiles}: nearest rank over durations
 * rounded down to three significant digits, read from the duration histograms); most-called first,
 * then by name. A tool whose name is unknown is listed as {@code (unknown)}.
 */
final class Tools {
  private Tools() {}

  static final String UNKNOWN_TOOL = "(unknown)";

  private static final DurationHistogram NO_DURATIONS = DurationHistogram.of();

  static final List<Column> COLUMNS =
      List.of(
          Column.of("tool", "Tool", TEXT),
          Column.of("calls", "Calls", NUMBER),
          Column.of("ok", "OK", NUMBER),
          Column.of("errors", "Errors", NUMBER),
          Column.of("denied", "Denied", NUMBER),
          Column.of("interrupted", "Interr.", NUMBER),
          Column.of("pending", null, NUMBER),
          Column.of("success_rate", "Success", PERCENT),
          Column.of("p50_ms", "p50 ms", NUMBER),
          Column.of("p95_ms", "p95 ms", NUMBER));

  static Result compute(Reads reads, ReportQuery query) {
    var counts = new ArrayList<>(reads.tools(query.filter(), Grouping.TOTAL));
    var durations = reads.durationHistograms(query.filter());
    counts.sort(
        Comparator.comparingLong(ToolCounts::calls).reversed().thenComparing(ToolCounts::tool));
    var rows = new ArrayList<List<Value>>();
    var total = new ToolCounts(0, "", 0, 0, 0, 0, 0);
    for (var tool : counts) {
      total = total.plus(tool);
      var histogram = durations.getOrDefault(tool.tool(), NO_DURATIONS);
      rows.add(
          List.of(
              Value.text(tool.tool().isEmpty() ? UNKNOWN_TOOL : tool.tool()),
              Value.count(tool.calls()),
              Value.count(tool.ok()),
              Value.count(tool.errors()),
              Value.count(tool.denied()),
              Value.count(tool.interrupted()),
              Value.count(tool.pending()),
              Value.ratio(SuccessRate.of(tool.ok(), tool.errors())),
              Value.count(Percentiles.nearestRank(histogram, 50)),
              Value.count(Percentiles.nearestRank(histogram, 95))));
    }
    var totalLine =
        List.of(
            Value.text("Total"),
            Value.count(total.calls()),
            Value.count(total.ok()),
            Value.count(total.errors()),
            Value.count(total.denied()),
            Value.count(total.interrupted()),
            Value.count(total.pending()),
            Value.ratio(SuccessRate.of(total.ok(), total.errors())),
            Value.UNKNOWN,
            Value.UNKNOWN);
    return new Result(COLUMNS, rows, false, totalLine, List.of());
  }
}
