package dev.flightlog.otlp;

/**
 * An OTLP request body that cannot be decoded: not gzip, JSON or protobuf of the expected shape, or
 * larger than allowed. The message says what and where (the byte or the field); the HTTP surface
 * answers it with 400, and the exporter does not retry.
 */
public final class OtlpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OtlpException(String message) {
    super(message);
  }

  public OtlpException(String message, Throwable cause) {
    super(message, cause);
  }
}
