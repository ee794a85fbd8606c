package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PATH;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.Usage;
import dev.flightlog.store.Reads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code report sessions}: the sessions active in the range, most recently active first, at most
 * the query's limit, each with its whole-session totals (the range chooses the sessions, not the
 * part of them counted). {@code cost_state_usd} is Claude Code's own running total for the session,
 * shown beside flightlog's figure as a cross-check. {@code active_ms} is the sum of the session's
 * turns' wall times and {@code idle_ms} of the gaps between them (see {@code report flow}); each
 * null when no turn knows it.
 */
final class Sessions {
  private Sessions() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("session_id", "Session", ID),
          Column.of("agent", null, TEXT),
          Column.of("project", "Project", PATH),
          Column.of("started_at", null, TIME),
          Column.of("last_seen", "Last seen", TIME),
          Column.of("prompts", "Prompts", NUMBER),
          Column.of("tool_calls", "Calls", NUMBER),
          Column.of("tool_errors", "Errors", NUMBER),
          Column.of("model_requests", null, NUMBER),
          Column.of("input_tokens", null, NUMBER),
          Column.of("output_tokens", null, NUMBER),
          Column.of("cache_read_tokens", null, NUMBER),
          Column.of("cache_creation_tokens", null, NUMBER),
          Column.of("total_tokens", "Tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("cost_state_usd", null, MONEY),
          Column.of("models", null, LIST),
          Column.of("unpriced_models", null, LIST),
          Column.of("active_ms", null, NUMBER),
          Column.of("idle_ms", null, NUMBER));

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    var rows = new ArrayList<List<Value>>();
    long prompts = 0;
    long calls = 0;
    long errors = 0;
    long totalTokens = 0;
    var totalCost = Cost.ZERO;
    for (var session : reads.sessions(query.filter(), query.limit())) {
      long requests = 0;
      var usage = Usage.ZERO;
      var cost = Cost.ZERO;
      var models = new TreeSet<String>();
      for (var model : session.models()) {
        requests += model.requests();
        usage = usage.plus(model.usage());
        cost = cost.plus(Cost.of(model, prices));
        models.add(Cost.modelName(model.model()));
      }
      prompts += session.prompts();
      calls += session.toolCalls();
      errors += session.toolErrors();
      totalTokens += usage.totalTokens();
      totalCost = totalCost.plus(cost);
      rows.add(
          List.of(
              Value.text(session.sessionId()),
              Value.text(session.agent()),
              Value.text(session.project()),
              Value.time(session.firstSeen()),
              Value.time(session.lastSeen()),
              Value.count(session.prompts()),
              Value.count(session.toolCalls()),
              Value.count(session.toolErrors()),
              Value.count(requests),
              Value.count(usage.inputTokens()),
              Value.count(usage.outputTokens()),
              Value.count(usage.cacheReadTokens()),
              Value.count(usage.cacheCreationTokens()),
              Value.count(usage.totalTokens()),
              Value.usd(cost.usd()),
              Value.usd(
                  session.costStateUsd() == null
                      ? null
                      : BigDecimal.valueOf(session.costStateUsd())),
              Value.names(List.copyOf(models)),
              Value.names(List.copyOf(cost.unpricedModels())),
              Value.count(session.activeMs()),
              Value.count(session.idleMs())));
    }
    var total =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(prompts),
            Value.count(calls),
            Value.count(errors),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(totalTokens),
            Value.usd(totalCost.usd()),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN);
    return new Result(COLUMNS, rows, false, total, prices.advice(totalCost.unpricedModels()));
  }
}
