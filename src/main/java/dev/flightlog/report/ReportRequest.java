package dev.flightlog.report;

import dev.flightlog.Agent;
import dev.flightlog.store.Filter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a report is asked for, parsed from the text users give: the filter, the time zone, the limit
 * and the format. {@code flightlog report} (options {@code --since} …) and {@code GET
 * /api/report/NAME} (query parameters {@code since=} …) both parse through here, so the same text
 * selects the same records and is refused with the same message. Errors are {@link
 * IllegalArgumentException}s naming the option as the caller spells it ({@link Spelling}).
 *
 * @param query the records, zone and limit
 * @param format how the report is written
 */
public record ReportRequest(ReportQuery query, Format format) {

  /** How many rows a list report shows when no limit is given. */
  public static final int DEFAULT_LIMIT = 50;

  /** The query parameters of {@code GET /api/report/NAME}, in the order messages list them. */
  public static final List<String> PARAMETERS =
      List.of(
          "since",
          "until",
          "project",
          "agent",
          "model",
          "session",
          "tz",
          "limit",
          "breakdown",
          "format");

  /**
   * The report whose path (and command line) may name a session: {@code session/ID} asks for the
   * report {@code session} of session {@code ID}, the same as the {@code session} filter ID.
   */
  public static final String SESSION_REPORT = "session";

  /** How messages name an option: {@code --since} on the command line, {@code since} in a URL. */
  public enum Spelling {
    OPTION("--"),
    PARAMETER("");

    private final String prefix;

    Spelling(String prefix) {
      this.prefix = prefix;
    }

    String name(String option) {
      return prefix + option;
    }
  }

  /**
   * Parses the query parameters of {@code GET /api/report/NAME}: {@link #PARAMETERS}, each at most
   * once (the caller refuses repeats, which a map cannot hold). An empty value is the same as a
   * parameter left out, as HTML forms send unfilled fields. The defaults are the command line's
   * ({@code tz} the system's zone, {@code limit} {@value #DEFAULT_LIMIT}), except the format: JSON
   * ({@code json} or {@code csv}; the table is for terminals).
   */
  public static ReportRequest ofParameters(Map<String, String> parameters) {
    for (var name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + name
                + "' (expected "
                + String.join(", ", PARAMETERS.subList(0, PARAMETERS.size() - 1))
                + " or "
                + PARAMETERS.getLast()
                + ")");
      }
    }
    var spelling = Spelling.PARAMETER;
    var format = format(given(parameters, "format"));
    var zone = zone(given(parameters, "tz"), spelling);
    var filter =
        filter(
            given(parameters, "since"),
            given(parameters, "until"),
            given(parameters, "project"),
            given(parameters, "agent"),
            given(parameters, "model"),
            given(parameters, "session"),
            zone,
            spelling);
    var limitText = given(parameters, "limit");
    int limit;
    if (limitText == null) {
      limit = DEFAULT_LIMIT;
    } else {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "limit: '" + limitText + "' is not a whole number (0 for all)");
      }
    }
    var breakdown = given(parameters, "breakdown");
    if (breakdown != null && !breakdown.equals("true") && !breakdown.equals("false")) {
      throw new IllegalArgumentException(
          "breakdown: '" + breakdown + "' is neither true nor false");
    }
    return new ReportRequest(
        new ReportQuery(filter, zone, limit(limit, spelling), "true".equals(breakdown)), format);
  }

  /** Whether {@code report} takes a session id in its path ({@link #SESSION_REPORT}). */
  public static boolean takesSessionId(ReportName report) {
    return report.wireName().equals(SESSION_REPORT);
  }

  private static @Nullable String given(Map<String, String> parameters, String name) {
    var value = parameters.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static Format format(@Nullable String text) {
    if (text == null) {
      return Format.JSON;
    }
    return switch (text) {
      case "json" -> Format.JSON;
      case "csv" -> Format.CSV;
      default ->
          throw new IllegalArgumentException(
              "format: '"
                  + text
                  + "' is not served (expected json or csv; the table is for"
                  + " terminals: flightlog report)");
    };
  }

  /** The limit checked: 0 (all) or more. */
  public static int limit(int limit, Spelling spelling) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          spelling.name("limit") + " must be 0 (all) or more, was " + limit);
    }
    return limit;
  }

  /** The zone named {@code tz}, or the system's when null. */
  public static ZoneId zone(@Nullable String tz, Spelling spelling) {
    if (tz == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          spelling.name("tz")
              + ": unknown time zone '"
              + tz
              + "' (use a region such as Europe/Berlin, an offset such as +05:30, or UTC)");
    }
  }

  /**
   * The filter of the given texts, each optional: {@code since} and {@code until} are dates in
   * {@code zone} or RFC 3339 times (see {@link #time}), the agent a known agent's wire name.
   */
  public static Filter filter(
      @Nullable String since,
      @Nullable String until,
      @Nullable String project,
      @Nullable String agent,
      @Nullable String model,
      @Nullable String session,
      ZoneId zone,
      Spelling spelling) {
    var from = since == null ? null : time(spelling.name("since"), since, zone, false);
    var to = until == null ? null : time(spelling.name("until"), until, zone, true);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          spelling.name("since")
              + " must be before "
              + spelling.name("until")
              + ", but "
              + spelling.name("since")
              + " "
              + since
              + " is "
              + from
              + " and "
              + spelling.name("until")
              + " "
              + until
              + " is "
              + to
              + " (a date as "
              + spelling.name("until")
              + " includes that day)");
    }
    if (agent != null) {
      try {
        Agent.fromWireName(agent);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(spelling.name("agent") + ": " + e.getMessage(), e);
      }
    }
    return new Filter(from, to, project, agent, model, session);
  }

  /**
   * A date is the start of that day in {@code zone}, or for the end of a range the start of the
   * next day (so the day is included); anything else must be an RFC 3339 time.
   */
  private static Instant time(String option, String text, ZoneId zone, boolean end) {
    try {
      var date = LocalDate.parse(text);
      return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notATime) {
        throw new IllegalArgumentException(
            option
                + ": '"
                + text
                + "' is neither a date (YYYY-MM-DD) nor an RFC 3339 time (such as"
                + " 2026-11-01T09:30:00Z or 2026-11-01T11:30:00+02:00)");
      }
    }
  }
}
