package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import dev.flightlog.web.Receivers.Encoding;
import dev.flightlog.web.Receivers.OtlpReply;
import dev.flightlog.web.Receivers.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /v1/logs} and {@code POST /v1/metrics}: OTLP/HTTP in JSON or protobuf, optionally
 * gzip-compressed. The exporter waits for the decoded result (partial success included), never for
 * the database. Responses are the empty {@code Export…ServiceResponse} in the request's encoding.
 */
final class OtlpEndpoint implements Router.Handler {

  private final Signal signal;
  private final Receivers receivers;
  private final int maxBytes;
  private final Traffic traffic;

  OtlpEndpoint(Signal signal, Receivers receivers, int maxBytes, Traffic traffic) {
    this.signal = signal;
    this.receivers = receivers;
    this.maxBytes = maxBytes;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var type = Bodies.mediaType(exchange);
    Encoding encoding;
    if (Router.JSON.equals(type)) {
      encoding = Encoding.JSON;
    } else if (Router.PROTOBUF.equals(type)) {
      encoding = Encoding.PROTOBUF;
    } else {
      throw new Rejection(
          Rejection.Reason.UNSUPPORTED_MEDIA_TYPE,
          "unsupported content type "
              + (type == null ? "(none)" : "'" + type + "'")
              + " (expected application/json or application/x-protobuf)");
    }
    var contentEncoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    var coding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    if (!coding.equals("gzip") && !coding.equals("identity")) {
      throw new Rejection(
          Rejection.Reason.UNSUPPORTED_MEDIA_TYPE,
          "unsupported content encoding '" + contentEncoding + "' (expected gzip or none)");
    }
    var body = Bodies.read(exchange, maxBytes);
    if (coding.equals("gzip")) {
      body = Bodies.gunzip(body, maxBytes);
    }
    switch (receivers.otlp(signal, encoding, body)) {
      case OtlpReply.Malformed(var message) ->
          throw new Rejection(Rejection.Reason.MALFORMED, message);
      case OtlpReply.Accepted(var accepted, var rejected, var message) -> {
        traffic.received(signal == Signal.LOGS ? Endpoint.OTLP_LOGS : Endpoint.OTLP_METRICS);
        var partial = rejected > 0 || !message.isEmpty();
        var answer =
            switch (encoding) {
              case JSON -> partial ? jsonResponse(rejected, message) : "{}".getBytes(UTF8);
              case PROTOBUF -> partial ? protobufResponse(rejected, message) : new byte[0];
            };
        Router.respond(
            exchange, 200, encoding == Encoding.JSON ? Router.JSON : Router.PROTOBUF, answer);
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** The counter field of the signal's {@code ExportPartialSuccess}. */
  private String rejectedField() {
    return switch (signal) {
      case LOGS -> "rejectedLogRecords";
      case METRICS -> "rejectedDataPoints";
    };
  }

  /** {@code {"partialSuccess": {…}}}; int64 as a decimal string (the proto3 JSON mapping). */
  private byte[] jsonResponse(int rejected, String message) {
    return Json.bytes(
        generator -> {
          generator.writeStartObject();
          generator.writeObjectFieldStart("partialSuccess");
          generator.writeStringField(rejectedField(), Integer.toString(rejected));
          generator.writeStringField("errorMessage", message);
          generator.writeEndObject();
          generator.writeEndObject();
        });
  }

  /**
   * {@code Export…ServiceResponse { partial_success = 1 { rejected = 1 (int64); error_message = 2 }
   * }}: the same field numbers for logs and metrics.
   */
  private static byte[] protobufResponse(int rejected, String message) {
    var partial = new ByteArrayOutputStream();
    if (rejected > 0) {
      partial.write(0x08);
      varint(partial, rejected);
    }
    lengthDelimited(partial, 2, message.getBytes(UTF8));
    var response = new ByteArrayOutputStream();
    lengthDelimited(response, 1, partial.toByteArray());
    return response.toByteArray();
  }

  /** A {@code google.rpc.Status { code = 1; message = 2 }}, the body of an OTLP error. */
  static byte[] status(int code, String message) {
    var out = new ByteArrayOutputStream();
    out.write(0x08);
    varint(out, code);
    lengthDelimited(out, 2, message.getBytes(UTF8));
    return out.toByteArray();
  }

  private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    out.write(field << 3 | 2);
    varint(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
