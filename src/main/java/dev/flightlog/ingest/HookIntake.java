package dev.flightlog.ingest;

import dev.flightlog.Channel;
import dev.flightlog.claude.HookDecoder;
import dev.flightlog.store.Batch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where Claude Code hook payloads enter: from the HTTP hook endpoint and from the command hooks'
 * spool. Each payload is decoded ({@link HookDecoder}) and submitted as one batch: its facts, the
 * payload itself for audit, and any skip, so a payload that is not JSON is kept and counted, never
 * lost and never fatal. The transcripts a payload names are reported at once, so the caller can
 * start following a new session's file before the next poll finds it. The capture policy is applied
 * by {@link Ingest#submit}, not here.
 */
public final class HookIntake {

  /** Where an HTTP hook's skips are said to come from. */
  static final String HTTP_WHERE = "POST /hook";

  /** Where a spooled payload's skips are said to come from when the caller names no file. */
  static final String SPOOL_WHERE = "spool";

  private final Ingest ingest;
  private final Clock clock;
  private final Consumer<Path> transcriptSeen;

  /**
   * @param clock the receipt time of payloads accepted without one
   * @param transcriptSeen called with every transcript a payload names ({@code transcript_path},
   *     SubagentStop's {@code agent_transcript_path}), after the payload is submitted
   */
  public HookIntake(Ingest ingest, Clock clock, Consumer<Path> transcriptSeen) {
    this.ingest = ingest;
    this.clock = clock;
    this.transcriptSeen = transcriptSeen;
  }

  /** Accepts a payload received now. */
  public boolean accept(byte[] body, Channel channel) {
    return accept(body, channel, clock.instant());
  }

  /**
   * Accepts a payload received at {@code receivedAt}: for the HTTP hook when the request arrived,
   * for the spool the file's modification time.
   */
  public boolean accept(byte[] body, Channel channel, Instant receivedAt) {
    return accept(
        body, channel, receivedAt, channel == Channel.HTTP_HOOK ? HTTP_WHERE : SPOOL_WHERE);
  }

  /**
   * Decodes a payload and submits it to ingest, waiting while the ingest queue is full. Never
   * throws for bad input; throws {@link IllegalStateException} when ingest is closed or a write
   * failed.
   *
   * @param channel {@link Channel#HTTP_HOOK} or {@link Channel#HOOK} (spooled)
   * @param where the endpoint or spool file the payload came from, named in a skip
   * @return whether the payload was used whole; false when (part of) it was counted as a skip
   */
  public boolean accept(byte[] body, Channel channel, Instant receivedAt, String where) {
    var result = HookDecoder.decode(body, channel, receivedAt, where);
    var skip = result.skip();
    ingest.submit(
        new Batch(result.facts(), result.drift(), skip == null ? List.of() : List.of(skip), null));
    for (var transcript : result.transcripts()) {
      transcriptSeen.accept(transcript);
    }
    return skip == null;
  }
}
