package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.Usage;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.ModelUsage;
import dev.flightlog.store.Reads;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code report models}: per model, the requests in range, their tokens and cost, how many requests
 * each source of cost priced (see {@link Cost}), and the cost-state cross-check; most tokens first.
 *
 * <p>Sources: {@code agent_cost_requests} carried Claude Code's own cost; {@code
 * price_table_requests} were priced by the price table; {@code cost_state_requests} got their share
 * of the session's cost-state; {@code unpriced_requests} had none of these (their cost is unknown
 * unless they have no tokens). The four add up to {@code requests}.
 *
 * <p>Cross-check: over the sessions active in the range that have a cost-state for the model,
 * {@code cost_state_usd} is the sum of Claude Code's own figures for it, and {@code
 * cost_state_difference_usd} is flightlog's cost of the same sessions' requests of that model (all
 * of them, whatever their time, like {@code report sessions}) minus that sum; null when there is no
 * cost-state or flightlog's figure is unknown. A difference of a cent or more, once rounded to
 * cents, is a disagreement and listed in the notes.
 */
final class Models {
  private Models() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("model", "Model", TEXT),
          Column.of("requests", "Requests", NUMBER),
          Column.of("input_tokens", null, NUMBER),
          Column.of("output_tokens", null, NUMBER),
          Column.of("cache_read_tokens", null, NUMBER),
          Column.of("cache_creation_tokens", null, NUMBER),
          Column.of("total_tokens", "Tokens", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("agent_cost_requests", "Agent", NUMBER),
          Column.of("price_table_requests", "Table", NUMBER),
          Column.of("cost_state_requests", "State", NUMBER),
          Column.of("unpriced_requests", "None", NUMBER),
          Column.of("cost_state_sessions", null, NUMBER),
          Column.of("cost_state_usd", "Cost-state", MONEY),
          Column.of("cost_state_difference_usd", "Diff", MONEY));

  /** Claude Code's own cost-state figures for a model, beside flightlog's for the same requests. */
  private static final class Check {
    long sessions;
    double stateUsd;
    Cost recorded = Cost.ZERO;
  }

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    var usages = new TreeMap<String, ModelUsage>();
    for (var row : reads.usage(query.filter(), Grouping.TOTAL)) {
      usages.merge(row.usage().model(), row.usage(), ModelUsage::plus);
    }
    var checks = new TreeMap<String, Check>();
    for (var check : reads.periods().costStates(query.filter())) {
      var model = check.recorded().model();
      var sums = checks.computeIfAbsent(model, m -> new Check());
      sums.sessions++;
      sums.stateUsd += check.stateUsd();
      sums.recorded = sums.recorded.plus(Cost.of(check.recorded(), prices));
      usages.putIfAbsent(model, new ModelUsage(model, 0, Usage.ZERO, 0, 0, Usage.ZERO, 0, 0));
    }
    var ordered = new ArrayList<>(usages.values());
    ordered.sort(
        Comparator.comparingLong((ModelUsage usage) -> usage.usage().totalTokens())
            .reversed()
            .thenComparing(ModelUsage::model));
    var rows = new ArrayList<List<Value>>();
    var notes = new ArrayList<String>();
    var total = new ModelUsage("", 0, Usage.ZERO, 0, 0, Usage.ZERO, 0, 0);
    var totalCost = Cost.ZERO;
    long[] totalSources = new long[4];
    for (var usage : ordered) {
      var cost = Cost.of(usage, prices);
      long[] sources = sources(usage, prices);
      var check = checks.get(usage.model());
      var difference = difference(check);
      if (check != null && difference != null && disagree(difference)) {
        notes.add(disagreement(usage.model(), check, difference));
      }
      total =
          total.plus(new ModelUsage("", usage.requests(), usage.usage(), 0, 0, Usage.ZERO, 0, 0));
      totalCost = totalCost.plus(cost);
      for (int i = 0; i < sources.length; i++) {
        totalSources[i] += sources[i];
      }
      rows.add(
          line(
              Value.text(Cost.modelName(usage.model())),
              usage.requests(),
              usage.usage(),
              cost,
              sources,
              check == null ? Value.UNKNOWN : Value.count(check.sessions),
              check == null ? Value.UNKNOWN : Value.usd(BigDecimal.valueOf(check.stateUsd)),
              Value.usd(difference)));
    }
    notes.addAll(prices.advice(totalCost.unpricedModels()));
    var totalLine =
        line(
            Value.text("Total"),
            total.requests(),
            total.usage(),
            totalCost,
            totalSources,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN);
    return new Result(COLUMNS, rows, false, totalLine, notes);
  }

  private static List<Value> line(
      Value model,
      long requests,
      Usage usage,
      Cost cost,
      long[] sources,
      Value stateSessions,
      Value stateUsd,
      Value difference) {
    return List.of(
        model,
        Value.count(requests),
        Value.count(usage.inputTokens()),
        Value.count(usage.outputTokens()),
        Value.count(usage.cacheReadTokens()),
        Value.count(usage.cacheCreationTokens()),
        Value.count(usage.totalTokens()),
        Value.usd(cost.usd()),
        Value.count(sources[0]),
        Value.count(sources[1]),
        Value.count(sources[2]),
        Value.count(sources[3]),
        stateSessions,
        stateUsd,
        difference);
  }

  /**
   * How many requests each source priced, in the order agent, price table, cost-state, none: the
   * branches of {@link Cost#of} applied to the requests without the agent's own figure.
   */
  private static long[] sources(ModelUsage usage, PriceTable prices) {
    long rest = usage.restRequests();
    if (prices.find(usage.model()) != null) {
      return new long[] {usage.agentCostRequests(), rest, 0, 0};
    }
    if (usage.restStateCostRequests() == rest) {
      return new long[] {usage.agentCostRequests(), 0, rest, 0};
    }
    return new long[] {usage.agentCostRequests(), 0, 0, rest};
  }

  private static @Nullable BigDecimal difference(@Nullable Check check) {
    if (check == null) {
      return null;
    }
    var recorded = check.recorded.usd();
    return recorded == null ? null : recorded.subtract(BigDecimal.valueOf(check.stateUsd));
  }

  /** Whether a difference is a cent or more once rounded to cents. */
  private static boolean disagree(BigDecimal difference) {
    return difference.setScale(2, RoundingMode.HALF_UP).signum() != 0;
  }

  private static String disagreement(String model, Check check, BigDecimal difference) {
    var recorded = check.recorded.usd();
    return "Cost-state cross-check: for "
        + Cost.modelName(model)
        + " Claude Code's own cost-state says "
        + dollars(BigDecimal.valueOf(check.stateUsd))
        + " over "
        + check.sessions
        + (check.sessions == 1 ? " session" : " sessions")
        + "; flightlog computes "
        + (recorded == null ? "an unknown amount" : dollars(recorded))
        + " for the same sessions' requests (difference "
        + dollars(difference)
        + ").";
  }

  private static String dollars(BigDecimal usd) {
    var cents = usd.setScale(2, RoundingMode.HALF_UP);
    return (cents.signum() < 0 ? "-$" : "$") + cents.abs().toPlainString();
  }
}
