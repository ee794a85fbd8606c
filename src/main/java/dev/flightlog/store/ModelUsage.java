package dev.flightlog.store;

import dev.flightlog.Usage;

/**
 * Sums over the model requests of one model: the tokens, and the inputs of the cost definition (see
 * {@code report.Cost}). "Rest" requests are those without the agent's own cost figure; their tokens
 * are priced by the price table, or their share of the session cost-states is used when every one
 * of them has such a share.
 *
 * @param model the model id, {@code ""} when unknown
 * @param agentCostUsd the sum of the agent's own per-request costs
 * @param agentCostRequests how many requests carried the agent's own cost
 * @param rest the tokens of the requests without the agent's own cost
 * @param restStateCostUsd the sum of the cost-state shares of those requests
 * @param restStateCostRequests how many of those requests have a cost-state share
 */
public record ModelUsage(
    String model,
    long requests,
    Usage usage,
    double agentCostUsd,
    long agentCostRequests,
    Usage rest,
    double restStateCostUsd,
    long restStateCostRequests) {

  public ModelUsage {
    if (requests < 0
        || agentCostRequests < 0
        || restStateCostRequests < 0
        || agentCostRequests + restStateCostRequests > requests) {
      throw new IllegalArgumentException(
          "inconsistent request counts for model '"
              + model
              + "': "
              + requests
              + " requests, "
              + agentCostRequests
              + " with an agent cost, "
              + restStateCostRequests
              + " with a cost-state share");
    }
  }

  /** The requests without the agent's own cost figure. */
  public long restRequests() {
    return requests - agentCostRequests;
  }

  /** The sum of two usages of the same model. */
  public ModelUsage plus(ModelUsage other) {
    if (!model.equals(other.model)) {
      throw new IllegalArgumentException(
          "cannot add usage of model '" + other.model + "' to '" + model + "'");
    }
    return new ModelUsage(
        model,
        requests + other.requests,
        usage.plus(other.usage),
        agentCostUsd + other.agentCostUsd,
        agentCostRequests + other.agentCostRequests,
        rest.plus(other.rest),
        restStateCostUsd + other.restStateCostUsd,
        restStateCostRequests + other.restStateCostRequests);
  }
}
