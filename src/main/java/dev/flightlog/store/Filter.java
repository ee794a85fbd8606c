package dev.flightlog.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which records a read considers. Every field is optional; {@link #NONE} selects everything.
 *
 * <p><b>Time range.</b> {@code since} is inclusive and {@code until} exclusive. Because the rollups
 * count whole 15-minute UTC buckets, every read resolves the range to whole buckets: {@code since}
 * is rounded down and {@code until} up to a quarter hour ({@link #sinceBucket()}, {@link
 * #untilBucket()}), and the reads of raw rows use the same widened range, so every number of one
 * report counts the same records. Ranges given as days of any real time zone are already whole
 * buckets. A tool call's time is its start, else its end; a model request's time is its {@code at};
 * records whose time is unknown are counted only when the range is unbounded on the left.
 *
 * <p><b>Project.</b> A record matches {@code project X} when its project path equals {@code X} or
 * ends with {@code "/" + X}, so {@code myrepo}, {@code work/myrepo} and {@code
 * /home/me/work/myrepo} all select {@code /home/me/work/myrepo}. A trailing {@code /} of {@code X}
 * is ignored.
 *
 * <p><b>Agent, model, session.</b> Exact matches on the agent's wire name, the model id and the
 * session id. The model applies to model requests only (tokens, requests, cost); tool calls,
 * prompts and sessions carry no model and are not narrowed by it.
 */
public record Filter(
    @Nullable Instant since,
    @Nullable Instant until,
    @Nullable String project,
    @Nullable String agent,
    @Nullable String model,
    @Nullable String session) {

  /** Selects every record. */
  public static final Filter NONE = new Filter(null, null, null, null, null, null);

  /** The length of a rollup bucket: 15 minutes, in milliseconds. */
  public static final long BUCKET_MS = 900_000;

  public Filter {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException(
          "the start of the range (" + since + ") must be before its end (" + until + ")");
    }
    project = project == null ? null : normaliseProject(project);
    requireNotBlank("agent", agent);
    requireNotBlank("model", model);
    requireNotBlank("session", session);
  }

  private static String normaliseProject(String project) {
    var trimmed = project.strip();
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the project filter must not be blank");
    }
    return trimmed;
  }

  private static void requireNotBlank(String what, @Nullable String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException("the " + what + " filter must not be blank");
    }
  }

  /** A copy with another time range. */
  public Filter withRange(@Nullable Instant since, @Nullable Instant until) {
    return new Filter(since, until, project, agent, model, session);
  }

  /** The first bucket in range: {@code since} rounded down; {@code Long.MIN_VALUE} if unbounded. */
  public long sinceBucket() {
    return since == null ? Long.MIN_VALUE : Math.floorDiv(since.toEpochMilli(), BUCKET_MS);
  }

  /**
   * The first bucket past the range: {@code until} rounded up; {@code Long.MAX_VALUE} if unbounded.
   */
  public long untilBucket() {
    return until == null ? Long.MAX_VALUE : Math.ceilDiv(until.toEpochMilli(), BUCKET_MS);
  }

  /** The start of the range as widened to whole buckets, or null when unbounded. */
  public @Nullable Instant effectiveSince() {
    return since == null ? null : Instant.ofEpochMilli(sinceBucket() * BUCKET_MS);
  }

  /** The end of the range as widened to whole buckets, or null when unbounded. */
  public @Nullable Instant effectiveUntil() {
    return until == null ? null : Instant.ofEpochMilli(untilBucket() * BUCKET_MS);
  }
}
