package dev.flightlog.claude;

/**
 * The start of a text that may be far too long to keep, and the exact UTF-8 size of all of it. Text
 * arrives in pieces (a JSON string's characters, straight from the parser's buffer); only the first
 * {@code limitBytes} bytes' worth is copied, never splitting a character, while every piece is
 * counted. A lone surrogate counts 3 bytes, the size of the U+FFFD an encoder writes for it.
 */
final class TextExcerpt {

  private final int limitBytes;
  private final StringBuilder kept;
  private long keptBytes;
  private long totalBytes;
  private boolean full;

  TextExcerpt(int limitBytes) {
    this.limitBytes = limitBytes;
    this.kept = new StringBuilder(Math.min(limitBytes, 512));
  }

  void append(String text) {
    append(text.toCharArray(), 0, text.length());
  }

  void append(char[] chars, int offset, int length) {
    int end = offset + length;
    int i = offset;
    long before = keptBytes;
    // Find how much fits, copy that at once, then only count the rest.
    while (i < end && !full) {
      char c = chars[i];
      int size;
      int width = 1;
      if (c < 0x80) {
        size = 1;
      } else if (c < 0x800) {
        size = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(chars[i + 1])) {
        size = 4;
        width = 2;
      } else {
        size = 3;
      }
      if (keptBytes + size > limitBytes) {
        full = true;
        break;
      }
      keptBytes += size;
      i += width;
    }
    kept.append(chars, offset, i - offset);
    totalBytes += keptBytes - before;
    totalBytes += utf8Length(chars, i, end);
  }

  String text() {
    return kept.toString();
  }

  long totalBytes() {
    return totalBytes;
  }

  /** The longest start of {@code text} that fits in {@code maxBytes} UTF-8 bytes. */
  static String prefix(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes) {
      return text;
    }
    var excerpt = new TextExcerpt(maxBytes);
    excerpt.append(text);
    return excerpt.full ? excerpt.text() : text;
  }

  /** The UTF-8 size of {@code chars[from, to)}. */
  static long utf8Length(char[] chars, int from, int to) {
    long bytes = 0;
    int i = from;
    while (i < to) {
      char c = chars[i];
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(chars[i + 1])) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
      i++;
    }
    return bytes;
  }
}
