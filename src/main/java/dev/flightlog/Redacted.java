package dev.flightlog;

import java.time.Instant;

/**
 * How many secrets of one kind the redaction rules removed from what one channel delivered about
 * one session, before it was stored. Carries no secret value, only the count.
 *
 * @param sessionId the session, or the empty string when the input names none
 * @param kind the secret's kind, its wire name: {@code aws_access_key}, {@code private_key} …
 * @param source the channel's wire name, or {@code retroactive} for {@code flightlog redact}
 * @param at when it was redacted
 */
public record Redacted(
    Agent agent, String sessionId, String source, String kind, int count, Instant at) {
  public Redacted {
    Keys.require("source", source);
    Keys.require("kind", kind);
    if (count <= 0) {
      throw new IllegalArgumentException("a redaction count must be positive: " + count);
    }
  }
}
