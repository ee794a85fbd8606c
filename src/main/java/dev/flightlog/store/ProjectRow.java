package dev.flightlog.store;

import java.util.List;

/**
 * One project's activity in a range: the sessions active in it, the prompts started in it, the tool
 * calls by outcome and the usage of each model (sorted by model id) whose time falls in it.
 *
 * @param project the project path, {@code ""} when unknown
 * @param tools the project's tool calls summed over every tool, with an empty tool name
 */
public record ProjectRow(
    String project, long sessions, long prompts, ToolCounts tools, List<ModelUsage> models) {
  public ProjectRow {
    models = List.copyOf(models);
  }
}
