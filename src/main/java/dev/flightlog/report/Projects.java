package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PATH;
import static dev.flightlog.report.Column.Shape.PERCENT;

import dev.flightlog.Usage;
import dev.flightlog.store.ProjectRow;
import dev.flightlog.store.Reads;
import dev.flightlog.store.ToolCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code report projects}: per project, the sessions active in the range, the prompts started in
 * it, the tool calls and model requests whose time falls in it (the same records as {@code report
 * overview}, split by the project each record carries), with the tool success rate, tokens and
 * cost; most tokens first. Records whose project is unknown are one row, {@code (unknown)}.
 */
final class Projects {
  private Projects() {}

  static final String UNKNOWN_PROJECT = "(unknown)";

  static final List<Column> COLUMNS =
      List.of(
          Column.of("project", "Project", PATH),
          Column.of("sessions", "Sessions", NUMBER),
          Column.of("prompts", "Prompts", NUMBER),
          Column.of("tool_calls", "Calls", NUMBER),
          Column.of("tool_errors", "Errors", NUMBER),
          Column.of("success_rate", "Success", PERCENT),
          Column.of("model_requests", null, NUMBER),
          Column.of("input_tokens", null, NUMBER),
          Column.of("output_tokens", null, NUMBER),
          Column.of("cache_read_tokens", null, NUMBER),
          Column.of("cache_creation_tokens", null, NUMBER),
          Column.of("total_tokens", "Tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("unpriced_models", null, LIST));

  /** A project's sums, or the total's. */
  private static final class Sums {
    long sessions;
    long prompts;
    ToolCounts tools = new ToolCounts(0, "", 0, 0, 0, 0, 0);
    long requests;
    Usage usage = Usage.ZERO;
    Cost cost = Cost.ZERO;

    void add(Sums other) {
      sessions += other.sessions;
      prompts += other.prompts;
      tools = tools.plus(other.tools);
      requests += other.requests;
      usage = usage.plus(other.usage);
      cost = cost.plus(other.cost);
    }
  }

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    record Line(String project, Sums sums) {}
    var lines = new ArrayList<Line>();
    for (ProjectRow row : reads.periods().projects(query.filter())) {
      var sums = new Sums();
      sums.sessions = row.sessions();
      sums.prompts = row.prompts();
      sums.tools = row.tools();
      for (var model : row.models()) {
        sums.requests += model.requests();
        sums.usage = sums.usage.plus(model.usage());
        sums.cost = sums.cost.plus(Cost.of(model, prices));
      }
      lines.add(new Line(row.project(), sums));
    }
    lines.sort(
        Comparator.comparingLong((Line line) -> line.sums().usage.totalTokens())
            .reversed()
            .thenComparing(line -> line.sums().tools.calls(), Comparator.reverseOrder())
            .thenComparing(Line::project));
    var rows = new ArrayList<List<Value>>();
    var total = new Sums();
    for (var line : lines) {
      rows.add(
          line(
              Value.text(line.project().isEmpty() ? UNKNOWN_PROJECT : line.project()),
              line.sums()));
      total.add(line.sums());
    }
    var notes = new ArrayList<String>();
    notes.add(
        "Sessions are counted under the project of their session record, prompts, tool calls"
            + " and requests under their own.");
    notes.addAll(prices.advice(total.cost.unpricedModels()));
    return new Result(COLUMNS, rows, false, line(Value.text("Total"), total), notes);
  }

  private static List<Value> line(Value project, Sums sums) {
    return List.of(
        project,
        Value.count(sums.sessions),
        Value.count(sums.prompts),
        Value.count(sums.tools.calls()),
        Value.count(sums.tools.errors()),
        Value.ratio(SuccessRate.of(sums.tools.ok(), sums.tools.errors())),
        Value.count(sums.requests),
        Value.count(sums.usage.inputTokens()),
        Value.count(sums.usage.outputTokens()),
        Value.count(sums.usage.cacheReadTokens()),
        Value.count(sums.usage.cacheCreationTokens()),
        Value.count(sums.usage.totalTokens()),
        Value.usd(sums.cost.usd()),
        Value.names(List.copyOf(sums.cost.unpricedModels())));
  }
}
