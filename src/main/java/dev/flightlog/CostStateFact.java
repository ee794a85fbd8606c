package dev.flightlog;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's own running cost total for a session (Claude Code's {@code cost-state} line). Totals
 * are cumulative, so the largest one seen is the current one. Used to price models missing from the
 * price table and as a cross-check.
 */
public record CostStateFact(
    Agent agent,
    String sessionId,
    double totalCostUsd,
    @Nullable Instant at,
    List<ModelCost> models,
    Channel channel)
    implements Fact {

  /** One model's share of a cost state. */
  public record ModelCost(String model, Usage usage, double costUsd) {
    public ModelCost {
      Keys.require("model", model);
      if (!(costUsd >= 0)) {
        throw new IllegalArgumentException("costUsd must be a non-negative number");
      }
    }
  }

  public CostStateFact {
    Keys.require("sessionId", sessionId);
    if (!(totalCostUsd >= 0)) {
      throw new IllegalArgumentException("totalCostUsd must be a non-negative number");
    }
    models = List.copyOf(models);
  }
}
