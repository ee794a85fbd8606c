package dev.flightlog.ingest;

import dev.flightlog.otlp.Encoding;
import dev.flightlog.otlp.OtlpDecoder;
import dev.flightlog.otlp.OtlpException;
import dev.flightlog.otlp.Signal;
import dev.flightlog.store.Batch;

/**
 * Takes one OTLP/HTTP export request (logs or metrics, JSON or protobuf) into the ingest path: the
 * request is decoded by {@link OtlpDecoder} and its facts, drift and skips are submitted as one
 * batch, so a request is stored whole or not at all.
 */
public final class OtlpIntake {

  /**
   * What became of a request's items, for OTLP's partial-success answer.
   *
   * @param accepted log records or data points read
   * @param rejected log records or data points left out (each counted as a skip)
   */
  public record Result(int accepted, int rejected) {
    public Result {
      if (accepted < 0 || rejected < 0) {
        throw new IllegalArgumentException("counts cannot be negative");
      }
    }
  }

  private final Ingest ingest;

  public OtlpIntake(Ingest ingest) {
    this.ingest = ingest;
  }

  /**
   * Decodes a request body (already inflated by the caller, within its size cap) and submits what
   * it carried. Returns once the batch is queued, which waits while the ingest queue is full.
   *
   * @throws OtlpException when the body is malformed; nothing of it is stored
   */
  public Result accept(Signal signal, byte[] body, Encoding encoding) {
    var export = OtlpDecoder.decode(signal, encoding, body);
    var batch = new Batch(export.facts(), export.drift(), export.skips(), null);
    if (!batch.isEmpty()) {
      ingest.submit(batch);
    }
    return new Result(export.accepted(), export.rejected());
  }
}
