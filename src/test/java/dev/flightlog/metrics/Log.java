package dev.flightlog.metrics;

import dev.flightlog.ToolStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Short ways to write fixture calls and turns: times are milliseconds after {@link #T0}. */
final class Log {
  private Log() {}

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static int ids;

  static @Nullable Instant t(@Nullable Long ms) {
    return ms == null ? null : T0.plusMillis(ms);
  }

  static Instant at(long ms) {
    return T0.plusMillis(ms);
  }

  static Turn turn(String promptId, @Nullable Long start, @Nullable Long end) {
    return new Turn(promptId, t(start), t(end));
  }

  /** A call of the main thread. */
  static Call call(
      String promptId, String tool, ToolStatus status, @Nullable Long start, @Nullable Long end) {
    return call("", promptId, tool, status, null, start, end);
  }

  static Call call(
      String threadId,
      String promptId,
      String tool,
      ToolStatus status,
      @Nullable String summary,
      @Nullable Long start,
      @Nullable Long end) {
    return new Call(
        "toolu_" + ids++,
        threadId,
        promptId,
        tool,
        status,
        status == ToolStatus.ERROR ? "Exit code 1\nboom" : null,
        summary,
        t(start),
        t(end),
        null);
  }

  /** A call of the main thread with the duration the agent measured. */
  static Call measured(
      String promptId, String tool, ToolStatus status, long start, long end, long measuredMs) {
    return new Call(
        "toolu_" + ids++, "", promptId, tool, status, null, null, at(start), at(end), measuredMs);
  }

  /** A file edit of the main thread. */
  static Call edit(
      String promptId, String tool, String file, ToolStatus status, long start, long end) {
    return call("", promptId, tool, status, file, start, end);
  }
}
