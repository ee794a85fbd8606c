package dev.flightlog.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The reports flightlog computes, by the name users type. */
public enum ReportName {
  /** Totals of the range: sessions, prompts, tool calls by outcome, tokens, cost. */
  OVERVIEW("overview"),
  /** Per tool: calls by outcome, success rate, duration percentiles. */
  TOOLS("tools"),
  /** The most recently active sessions with their totals. */
  SESSIONS("sessions"),
  /** Per local day: tokens, cost, models. */
  DAILY("daily"),
  /** Per session and overall: which channels saw the tool calls, what the hooks missed. */
  COVERAGE("coverage"),
  /** The error catalog: failed calls grouped by error signature. */
  ERRORS("errors"),
  /** Recovery episodes after failed calls: outcomes, attempts and time to recover. */
  RECOVERY("recovery"),
  /** Per turn: wall, tool, model and waiting time, calls, streaks, idle gaps. */
  FLOW("flow");

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
