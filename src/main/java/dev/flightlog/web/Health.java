package dev.flightlog.web;

import dev.flightlog.ingest.TranscriptRetention;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the daemon tells {@code GET /api/health} about itself; the server adds its address and its
 * request counters. Supplied fresh for every request.
 *
 * @param dataHome the data directory
 * @param db the database the daemon writes (a path or DSN, without credentials)
 * @param spoolBacklog payloads waiting in the spool, null when unknown
 * @param lastEventAt when the daemon last stored anything, null before the first
 * @param retention which transcripts Claude Code may delete before they are read, null when unknown
 * @param spoolLinksRemoved symbolic links found in the spool and removed unread since the start
 */
public record Health(
    String version,
    long pid,
    Instant startedAt,
    String dataHome,
    String db,
    @Nullable Integer spoolBacklog,
    @Nullable Instant lastEventAt,
    @Nullable TranscriptRetention retention,
    long spoolLinksRemoved) {

  /** The daemon's state without a retention check. */
  public Health(
      String version,
      long pid,
      Instant startedAt,
      String dataHome,
      String db,
      @Nullable Integer spoolBacklog,
      @Nullable Instant lastEventAt) {
    this(version, pid, startedAt, dataHome, db, spoolBacklog, lastEventAt, null, 0);
  }
}
