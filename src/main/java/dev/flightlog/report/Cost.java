package dev.flightlog.report;

import dev.flightlog.store.ModelUsage;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An amount in USD, possibly unknown in part (PRODUCT.md §4, "Tokens and cost"). The cost of the
 * requests of one model is, for each request:
 *
 * <ol>
 *   <li>the agent's own figure for it (Claude Code's OTLP {@code cost_usd}) where there is one;
 *   <li>else its tokens × the model's price in the {@link PriceTable};
 *   <li>else, for a model the table does not know, its share of the model's cost in the session's
 *       cost-state (Claude Code's own running total), apportioned by the store;
 *   <li>else unknown: the model is <em>unpriced</em>, and every total it is part of is unknown
 *       ({@code null}), never $0.
 * </ol>
 *
 * Requests with no tokens cost nothing at any price. The rule is applied to sums of requests (a
 * rollup row: one model, bucket, agent and project), which gives the same result as applying it to
 * each request: the first two steps are linear, and the cost-state step applies to a sum exactly
 * when it applies to every request in it. So any grouping (total, day, session) is exact.
 */
record Cost(BigDecimal knownUsd, SortedSet<String> unpricedModels) {

  static final Cost ZERO = new Cost(BigDecimal.ZERO, new TreeSet<>());

  /** How a model without an id is named in lists. */
  static final String UNKNOWN_MODEL = "(unknown)";

  Cost {
    unpricedModels = Collections.unmodifiableSortedSet(new TreeSet<>(unpricedModels));
  }

  /** The cost of the requests summed in {@code usage}, by the rule in the class comment. */
  static Cost of(ModelUsage usage, PriceTable prices) {
    var agent = BigDecimal.valueOf(usage.agentCostUsd());
    long rest = usage.restRequests();
    if (rest == 0 || usage.rest().totalTokens() == 0) {
      return known(agent);
    }
    var price = prices.find(usage.model());
    if (price != null) {
      return known(agent.add(price.cost(usage.rest())));
    }
    if (usage.restStateCostRequests() == rest) {
      return known(agent.add(BigDecimal.valueOf(usage.restStateCostUsd())));
    }
    var unpriced = new TreeSet<String>();
    unpriced.add(modelName(usage.model()));
    return new Cost(agent, unpriced);
  }

  private static Cost known(BigDecimal usd) {
    return new Cost(usd, new TreeSet<>());
  }

  Cost plus(Cost other) {
    if (other.unpricedModels.isEmpty() && unpricedModels.isEmpty()) {
      return known(knownUsd.add(other.knownUsd));
    }
    var unpriced = new TreeSet<>(unpricedModels);
    unpriced.addAll(other.unpricedModels);
    return new Cost(knownUsd.add(other.knownUsd), unpriced);
  }

  /** The amount, or null when part of it is unknown. */
  @Nullable BigDecimal usd() {
    return unpricedModels.isEmpty() ? knownUsd : null;
  }

  /** A model id as shown in lists: the id, or {@link #UNKNOWN_MODEL} when it is not known. */
  static String modelName(String model) {
    return model.isEmpty() ? UNKNOWN_MODEL : model;
  }
}
