package dev.flightlog.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The reports flightlog computes, by the name users type. */
public enum ReportName {
  /** Totals of the range: sessions, prompts, tool calls by outcome, tokens, cost. */
  OVERVIEW("overview"),
  /** Per tool: calls by outcome, success rate, duration percentiles. */
  TOOLS("tools"),
  /** The error catalog: failed calls grouped by error signature. */
  ERRORS("errors"),
  /** Recovery episodes after failed calls: outcomes, attempts and time to recover. */
  RECOVERY("recovery"),
  /** Per turn: wall, tool, model and waiting time, calls, streaks, idle gaps. */
  FLOW("flow"),
  /** The most recently active sessions with their totals. */
  SESSIONS("sessions"),
  /** One session's timeline: prompts, tool calls, model requests, subagents. */
  SESSION("session"),
  /** Per local day: tokens, cost, models. */
  DAILY("daily"),
  /** Per ISO week (Monday first) in the zone: tokens, cost, models. */
  WEEKLY("weekly"),
  /** Per calendar month in the zone: tokens, cost, models. */
  MONTHLY("monthly"),
  /** Claude's 5-hour usage blocks: tokens, cost, models, which one is active. */
  BLOCKS("blocks"),
  /** Per model: tokens, cost, the source of each request's cost, the cost-state cross-check. */
  MODELS("models"),
  /** Per project: sessions, prompts, tool calls, errors, success rate, tokens, cost. */
  PROJECTS("projects"),
  /** Per session and overall: which channels saw the tool calls, what the hooks missed. */
  COVERAGE("coverage"),
  /** Secrets replaced by markers, per kind and source: counts and sessions, never a value. */
  REDACTIONS("redactions");

  private final String wireName;

  ReportName(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Every report name, comma-separated, for help and error messages. */
  public static String names() {
    return Arrays.stream(values()).map(ReportName::wireName).collect(Collectors.joining(", "));
  }

  /** The report with this name; throws with the list of names when there is none. */
  public static ReportName fromWireName(String name) {
    for (var report : values()) {
      if (report.wireName.equals(name)) {
        return report;
      }
    }
    throw new IllegalArgumentException(
        "unknown report '" + name + "' (expected one of: " + names() + ")");
  }
}
