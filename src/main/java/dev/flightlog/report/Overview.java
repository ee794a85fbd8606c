package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PERCENT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.Usage;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Reads;
import java.util.List;

/**
 * {@code report overview}: the totals of the range. Sessions are those active in it, prompts those
 * started in it, tool calls and model requests those whose time falls in it (see {@code
 * store.Filter}). {@code since}/{@code until} are the range actually counted, widened to whole
 * quarter hours; null when unbounded. {@code episodes} are the recovery episodes whose first
 * failure is in the range and that ended, {@code recovery_rate} the share of them recovered (see
 * {@code report recovery}); {@code active_ms} sums the wall time of the turns started in it (see
 * {@code report flow}).
 */
final class Overview {
  private Overview() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("since", "From", TIME),
          Column.of("until", "Until", TIME),
          Column.of("sessions", "Sessions", NUMBER),
          Column.of("prompts", "Prompts", NUMBER),
          Column.of("tool_calls", "Tool calls", NUMBER),
          Column.of("tool_ok", "  ok", NUMBER),
          Column.of("tool_errors", "  errors", NUMBER),
          Column.of("tool_denied", "  denied", NUMBER),
          Column.of("tool_interrupted", "  interrupted", NUMBER),
          Column.of("tool_pending", "  pending", NUMBER),
          Column.of("success_rate", "Tool success rate", PERCENT),
          Column.of("episodes", "Recovery episodes", NUMBER),
          Column.of("recovery_rate", "Recovery rate", PERCENT),
          Column.of("active_ms", "Active time, ms", NUMBER),
          Column.of("model_requests", "Model requests", NUMBER),
          Column.of("input_tokens", "Input tokens", NUMBER),
          Column.of("output_tokens", "Output tokens", NUMBER),
          Column.of("cache_read_tokens", "Cache read tokens", NUMBER),
          Column.of("cache_creation_tokens", "Cache write tokens", NUMBER),
          Column.of("total_tokens", "Total tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("unpriced_models", null, LIST));

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    var filter = query.filter();
    var activity = reads.activity(filter);
    var derived = reads.derivedTotals(filter);
    long calls = 0;
    long ok = 0;
    long errors = 0;
    long denied = 0;
    long interrupted = 0;
    for (var tool : reads.tools(filter, Grouping.TOTAL)) {
      calls += tool.calls();
      ok += tool.ok();
      errors += tool.errors();
      denied += tool.denied();
      interrupted += tool.interrupted();
    }
    long requests = 0;
    var usage = Usage.ZERO;
    var cost = Cost.ZERO;
    for (var row : reads.usage(filter, Grouping.TOTAL)) {
      requests += row.usage().requests();
      usage = usage.plus(row.usage().usage());
      cost = cost.plus(Cost.of(row.usage(), prices));
    }
    var row =
        List.of(
            Value.time(filter.effectiveSince()),
            Value.time(filter.effectiveUntil()),
            Value.count(activity.sessions()),
            Value.count(activity.prompts()),
            Value.count(calls),
            Value.count(ok),
            Value.count(errors),
            Value.count(denied),
            Value.count(interrupted),
            Value.count(calls - ok - errors - denied - interrupted),
            Value.ratio(SuccessRate.of(ok, errors)),
            Value.count(derived.episodes()),
            Value.ratio(
                derived.episodes() == 0 ? null : (double) derived.recovered() / derived.episodes()),
            Value.count(derived.activeMs()),
            Value.count(requests),
            Value.count(usage.inputTokens()),
            Value.count(usage.outputTokens()),
            Value.count(usage.cacheReadTokens()),
            Value.count(usage.cacheCreationTokens()),
            Value.count(usage.totalTokens()),
            Value.usd(cost.usd()),
            Value.names(List.copyOf(cost.unpricedModels())));
    return new Result(COLUMNS, List.of(row), true, null, prices.advice(cost.unpricedModels()));
  }
}
