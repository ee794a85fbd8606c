package dev.flightlog.corpus;

import java.util.List;

/**
 * What a finished foreground subagent hands back to the {@code Agent} tool call that started it;
 * written into the parent's tool result.
 */
record SubagentRun(
    String agentId,
    String agentType,
    String prompt,
    String report,
    List<String> toolsUsed,
    Model model,
    Tokens lastTokens,
    long totalTokens,
    int toolUseCount,
    long durationMs) {
  SubagentRun {
    toolsUsed = List.copyOf(toolsUsed);
  }
}
