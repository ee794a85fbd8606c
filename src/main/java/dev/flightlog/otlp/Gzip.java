package dev.flightlog.otlp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Inflates a gzip request body ({@code Content-Encoding: gzip}) without ever holding more than a
 * cap: a small body that inflates to gigabytes (a gzip bomb) stops at the cap with an error.
 */
public final class Gzip {

  private Gzip() {}

  /**
   * The inflated bytes of {@code body}.
   *
   * @param maxBytes the most inflated bytes accepted
   * @throws OtlpException {@code "gzip body inflates beyond N bytes"} past the cap, or {@code
   *     "malformed gzip body: …"} when the body is not gzip or is cut off
   */
  public static byte[] inflate(byte[] body, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes cannot be negative: " + maxBytes);
    }
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      var out = new byte[(int) Math.min(maxBytes, Math.max(1024L, body.length * 4L))];
      int size = 0;
      while (true) {
        if (size == out.length) {
          if (size == maxBytes) {
            if (in.read() < 0) {
              return out;
            }
            throw new OtlpException("gzip body inflates beyond " + maxBytes + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min(maxBytes, 2L * out.length));
        }
        int n = in.read(out, size, out.length - size);
        if (n < 0) {
          return size == out.length ? out : Arrays.copyOf(out, size);
        }
        size += n;
      }
    } catch (EOFException e) {
      throw new OtlpException("malformed gzip body: cut off before its end", e);
    } catch (ZipException e) {
      throw new OtlpException("malformed gzip body: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new OtlpException("malformed gzip body: " + e, e);
    }
  }
}
