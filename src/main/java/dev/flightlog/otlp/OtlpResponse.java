package dev.flightlog.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bodies of OTLP/HTTP answers, in the encoding of the request: {@code Export…ServiceResponse}
 * for a request that was read (with {@code partial_success} when items were rejected) and {@code
 * google.rpc.Status} for one that was not.
 */
public final class OtlpResponse {

  /** {@code google.rpc.Code.INVALID_ARGUMENT}: the request can never succeed as sent. */
  private static final int INVALID_ARGUMENT = 3;

  private OtlpResponse() {}

  /** The content type of answers in this encoding. */
  public static String contentType(Encoding encoding) {
    return switch (encoding) {
      case JSON -> "application/json";
      case PROTOBUF -> "application/x-protobuf";
    };
  }

  /**
   * The answer to a request that was read: empty when nothing was rejected, else a partial success
   * with the count ({@code rejected_log_records} or {@code rejected_data_points}) and a message.
   */
  public static byte[] exported(Signal signal, Encoding encoding, int rejected, String message) {
    if (rejected < 0) {
      throw new IllegalArgumentException("rejected cannot be negative: " + rejected);
    }
    return switch (encoding) {
      case JSON -> {
        if (rejected == 0) {
          yield "{}".getBytes(StandardCharsets.UTF_8);
        }
        var field = signal == Signal.LOGS ? "rejectedLogRecords" : "rejectedDataPoints";
        yield json(
            "{\"partialSuccess\":{\"" + field + "\":\"" + rejected + "\",\"errorMessage\":",
            message,
            "}}");
      }
      case PROTOBUF -> {
        var out = new ByteArrayOutputStream();
        if (rejected > 0) {
          var partial = new ByteArrayOutputStream();
          tag(partial, 1, 0);
          varint(partial, rejected);
          string(partial, 2, message);
          tag(out, 1, 2);
          varint(out, partial.size());
          out.writeBytes(partial.toByteArray());
        }
        yield out.toByteArray();
      }
    };
  }

  /** The answer to a request that could not be read: {@code INVALID_ARGUMENT} and why. */
  public static byte[] malformed(Encoding encoding, String message) {
    return switch (encoding) {
      case JSON -> json("{\"code\":" + INVALID_ARGUMENT + ",\"message\":", message, "}");
      case PROTOBUF -> {
        var out = new ByteArrayOutputStream();
        tag(out, 1, 0);
        varint(out, INVALID_ARGUMENT);
        string(out, 2, message);
        yield out.toByteArray();
      }
    };
  }

  private static byte[] json(String before, String text, String after) {
    var out = new StringWriter();
    try (var generator = Attributes.JSON.createGenerator(out)) {
      generator.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (before + out + after).getBytes(StandardCharsets.UTF_8);
  }

  private static void string(ByteArrayOutputStream out, int field, String text) {
    if (text.isEmpty()) {
      return;
    }
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    tag(out, field, 2);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void tag(ByteArrayOutputStream out, int field, int wireType) {
    varint(out, (field << 3) | wireType);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
