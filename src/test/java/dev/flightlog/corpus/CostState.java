package dev.flightlog.corpus;

import java.util.EnumMap;
import java.util.Map;

/**
 * The running totals behind a session's {@code cost-state} lines. Claude Code keeps them across
 * resumed runs of one session and includes its subagents' requests, so every cost-state line is
 * cumulative for the whole session so far.
 */
final class CostState {
  final long startTime;
  long apiDurationMs;
  long apiDurationWithoutRetriesMs;
  long toolDurationMs;
  long linesAdded;
  long linesRemoved;
  final Map<Model, Tally.Usage> byModel = new EnumMap<>(Model.class);

  CostState(long startTime) {
    this.startTime = startTime;
  }

  void request(Model model, Tokens tokens, long durationMs) {
    byModel.computeIfAbsent(model, m -> new Tally.Usage()).add(tokens, model.costUsd(tokens));
    apiDurationMs += durationMs;
    apiDurationWithoutRetriesMs += durationMs;
  }

  double totalCostUsd() {
    double total = 0;
    for (var usage : byModel.values()) {
      total += usage.costUsd;
    }
    return total;
  }
}
