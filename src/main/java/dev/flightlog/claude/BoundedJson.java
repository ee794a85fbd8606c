package dev.flightlog.claude;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a tool input is re-serialised: keeps the first {@code limit} bytes of the compact JSON and
 * counts the rest. A {@code Write} of a large file has a large input; its prefix is what a reader
 * of a tool call needs.
 */
final class BoundedJson extends OutputStream {

  /** The longest tool input kept, in UTF-8 bytes. */
  static final int LIMIT = 64 * 1024;

  private final int limit;
  private byte[] bytes = new byte[256];
  private int kept;
  private long total;

  BoundedJson() {
    this(LIMIT);
  }

  BoundedJson(int limit) {
    this.limit = limit;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    total += length;
    int take = Math.min(length, limit - kept);
    if (take <= 0) {
      return;
    }
    if (kept + take > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(kept + take, bytes.length * 2)));
    }
    System.arraycopy(source, offset, bytes, kept, take);
    kept += take;
  }

  /**
   * The JSON, or when it was longer than the limit its prefix (cut before a partial character) and
   * {@code …[truncated N bytes]}; a truncated input is no longer valid JSON.
   */
  String text() {
    if (total <= kept) {
      return new String(bytes, 0, kept, StandardCharsets.UTF_8);
    }
    int end = kept;
    // Back off to the first byte of the character the limit cut through.
    int back = end;
    while (back > 0 && (bytes[back - 1] & 0xC0) == 0x80) {
      back--;
    }
    if (back > 0 && isIncomplete(bytes[back - 1], end - back)) {
      end = back - 1;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8)
        + "…[truncated "
        + (total - end)
        + " bytes]";
  }

  /** Whether a character starting with {@code lead} needs more than {@code continuations} bytes. */
  private static boolean isIncomplete(byte lead, int continuations) {
    int b = lead & 0xFF;
    if (b >= 0xF0) {
      return continuations < 3;
    }
    if (b >= 0xE0) {
      return continuations < 2;
    }
    if (b >= 0xC0) {
      return continuations < 1;
    }
    return false;
  }
}
