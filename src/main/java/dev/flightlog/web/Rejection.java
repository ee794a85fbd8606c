package dev.flightlog.web;

/**
 * The one exception of this package: a request refused for a reason the client can act on. {@link
 * Router} turns it into the response and the counter; nothing else maps errors to statuses.
 */
final class Rejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused, with its HTTP status and the gRPC code OTLP clients expect. */
  enum Reason {
    MALFORMED(400, "malformed", 3),
    UNAUTHORIZED(401, "unauthorized", 16),
    HOST_NOT_ALLOWED(403, "host_not_allowed", 7),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed", 7),
    NOT_FOUND(404, "not_found", 5),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", 12),
    TOO_LARGE(413, "too_large", 8),
    URI_TOO_LONG(414, "uri_too_long", 8),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", 3),
    HEADERS_TOO_LARGE(431, "headers_too_large", 8),
    INTERNAL(500, "internal", 13);

    private final int status;
    private final String wireName;
    private final int grpcCode;

    Reason(int status, String wireName, int grpcCode) {
      this.status = status;
      this.wireName = wireName;
      this.grpcCode = grpcCode;
    }

    int status() {
      return status;
    }

    /** The counter name in {@code /api/health}. */
    String wireName() {
      return wireName;
    }

    /** The {@code google.rpc.Status} code of an OTLP error response. */
    int grpcCode() {
      return grpcCode;
    }
  }

  private final Reason reason;
  private final String message;

  Rejection(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.message = message;
  }

  /** What the client is told. */
  String message() {
    return message;
  }

  Reason reason() {
    return reason;
  }
}
