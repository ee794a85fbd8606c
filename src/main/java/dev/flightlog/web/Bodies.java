package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/** Reading request bodies with a size cap, and the request headers that describe them. */
final class Bodies {

  private Bodies() {}

  /**
   * The whole request body, refused with 413 when it is longer than {@code max} bytes. A declared
   * length over the cap is refused before anything is read.
   */
  static byte[] read(HttpExchange exchange, int max) throws IOException {
    var declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new Rejection(
            Rejection.Reason.MALFORMED, "malformed Content-Length '" + declared + "'");
      }
      if (length > max) {
        throw tooLarge("request body", max);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      var body = in.readNBytes(max + 1);
      if (body.length > max) {
        throw tooLarge("request body", max);
      }
      return body;
    }
  }

  /** A gzip body inflated, refused with 413 when it inflates beyond {@code max} bytes. */
  static byte[] gunzip(byte[] body, int max) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      var inflated = in.readNBytes(max + 1);
      if (inflated.length > max) {
        throw tooLarge("gzip body inflated", max);
      }
      return inflated;
    } catch (ZipException e) {
      throw new Rejection(Rejection.Reason.MALFORMED, "malformed gzip body: " + e.getMessage());
    } catch (IOException e) {
      // ByteArrayInputStream never fails, so this is a truncated stream (EOFException).
      throw new Rejection(
          Rejection.Reason.MALFORMED, "malformed gzip body: truncated (" + e.getMessage() + ")");
    }
  }

  /** The media type of the request (Content-Type without parameters, lower case), or null. */
  static @Nullable String mediaType(HttpExchange exchange) {
    var header = exchange.getRequestHeaders().getFirst("Content-Type");
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    var type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
  }

  private static Rejection tooLarge(String what, int max) {
    return new Rejection(Rejection.Reason.TOO_LARGE, what + " exceeds " + size(max));
  }

  /** A byte count in binary units, as the limits are documented: {@code 16 MiB}, {@code 64 KiB}. */
  static String size(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
