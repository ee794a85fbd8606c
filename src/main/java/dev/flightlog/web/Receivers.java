package dev.flightlog.web;

import java.time.Instant;

/**
 * Where the server hands what it received: the daemon adapts the ingest intakes to this, tests pass
 * hand-written fakes. Both methods are called on the request's virtual thread and may block.
 */
public interface Receivers {

  /**
   * A hook payload exactly as POSTed to {@code /hook}, called after the client has its answer. Bad
   * payloads are the receiver's to count; an exception is logged and counted as {@code
   * receiver_failed}, and the client never sees it.
   */
  void hook(byte[] body, Instant receivedAt);

  /**
   * An OTLP export request, already gunzipped. The client waits for this answer (exporters batch)
   * but must not wait for the database.
   */
  OtlpReply otlp(Signal signal, Encoding encoding, byte[] body);

  /** Which OTLP signal a request carries. */
  enum Signal {
    LOGS,
    METRICS
  }

  /** How an OTLP request body is encoded, from its Content-Type. */
  enum Encoding {
    JSON,
    PROTOBUF
  }

  /** What became of an OTLP request. */
  sealed interface OtlpReply {

    /**
     * The request was decoded: {@code rejected} records (log records or data points) were refused,
     * for the reason in {@code message} (empty when none were).
     */
    record Accepted(int accepted, int rejected, String message) implements OtlpReply {
      public Accepted {
        if (accepted < 0 || rejected < 0) {
          throw new IllegalArgumentException(
              "counts cannot be negative: accepted " + accepted + ", rejected " + rejected);
        }
      }
    }

    /**
     * The body could not be decoded; the message (what, at which byte or field) goes to the client.
     */
    record Malformed(String message) implements OtlpReply {
      public Malformed {
        if (message.isBlank()) {
          throw new IllegalArgumentException("a malformed request needs a message");
        }
      }
    }
  }
}
