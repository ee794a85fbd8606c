package dev.flightlog.claude;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A structural pre-scan of a raw line that finds its top-level {@code type} without tokenising it,
 * so lines of the types flightlog stores nothing from ({@link Schema#IGNORED_TYPES}: API request
 * logs of tens of kilobytes, attachments, …; about half the bytes of a transcript) skip Jackson.
 *
 * <p>One tight loop over the bytes tracks only whether it is inside a string (and escapes) and the
 * stack of open objects and arrays. The {@code type} is the depth-1 key of that name, wherever it
 * is in the object (an attachment line has a nested {@code "type"} before its own). Whenever the
 * line is not plainly an ignored entry, the scan answers null and the line goes through Jackson
 * unchanged: an unknown or conversation type (the scan stops at it, or at a {@code message} before
 * any type, so a conversation line is not scanned twice), no {@code type} or one that is not a
 * plain string, a depth-1 key with an escape (it could spell {@code type}), a repeated {@code type}
 * or {@code version}, a {@code version} that is not a plain string, and everything it finds
 * malformed.
 *
 * <p>What an ignored line is still checked for: it is one object and nothing but whitespace follows
 * it; objects and arrays are balanced and close in order (a truncated line is still MALFORMED_JSON,
 * from Jackson); nesting stays within Jackson's 1000; strings are closed, hold no raw control
 * characters and only valid escapes; every byte is well-formed UTF-8 without NUL (so a torn or
 * binary line is still BINARY). What is no longer checked: the grammar between strings — that keys
 * are strings, colons and commas are where they belong, and literals and numbers are valid (and
 * within Jackson's length limits). Such a line of an ignored type yields no facts instead of being
 * counted as malformed; it would have yielded none either way.
 */
final class TypeScan {

  /** Jackson's default nesting limit; anything deeper is left to it to reject. */
  static final int MAX_DEPTH = 1000;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final byte[] TYPE = {'t', 'y', 'p', 'e'};
  private static final byte[] MESSAGE = {'m', 'e', 's', 's', 'a', 'g', 'e'};
  private static final byte[] VERSION = {'v', 'e', 'r', 's', 'i', 'o', 'n'};

  /** What a string byte needs: 0 nothing, 1 closes it, 2 escape, 3 never raw in JSON, 4 UTF-8. */
  private static final byte[] IN_STRING = new byte[256];

  /** The letters of the escapes that are a backslash and one more byte. */
  private static final boolean[] SIMPLE_ESCAPE = new boolean[256];

  static {
    for (char c : new char[] {'"', '\\', '/', 'b', 'f', 'n', 'r', 't'}) {
      SIMPLE_ESCAPE[c] = true;
    }
    for (int c = 0; c < 0x20; c++) {
      IN_STRING[c] = 3;
    }
    IN_STRING['"'] = 1;
    IN_STRING['\\'] = 2;
    for (int c = 0x80; c < 0x100; c++) {
      IN_STRING[c] = 4;
    }
  }

  private TypeScan() {}

  /**
   * A line of an ignored type, with the {@code version} it names (null when it names none, or a
   * blank one), which the decoder's state takes as from any other line.
   */
  record Ignorable(@Nullable String version) {}

  /** The line {@code buffer[offset, offset + length)} if it is a well-formed ignored entry. */
  static @Nullable Ignorable scan(byte[] buffer, int offset, int length) {
    int end = offset + length;
    int i = whitespace(buffer, offset, end);
    if (i == end || buffer[i] != '{') {
      return null;
    }
    // Bit d of the stack is set when the container at depth d + 1 is an array.
    var arrays = new long[(MAX_DEPTH + 63) / 64 + 1];
    int depth = 1;
    i++;
    boolean keyNext = true;
    int typeStart = -1;
    int versionStart = -1;
    int versionEnd = -1;
    while (true) {
      if (i >= end) {
        return null;
      }
      int c = buffer[i] & 0xFF;
      if (c == '"') {
        int start = i + 1;
        int close = string(buffer, start, end);
        if (close < 0) {
          return null;
        }
        i = close + 1;
        if (depth != 1 || !keyNext) {
          continue;
        }
        keyNext = false;
        if (typeStart < 0 && is(buffer, start, close, MESSAGE)) {
          // A message before the type is how assistant lines are written: Jackson reads this
          // line, so stop rather than scan most of it twice.
          return null;
        }
        boolean isType = is(buffer, start, close, TYPE);
        boolean isVersion = !isType && is(buffer, start, close, VERSION);
        if (!isType && !isVersion) {
          if (contains(buffer, start, close, '\\')) {
            return null;
          }
          continue;
        }
        // The value: a string without escapes, or the line goes to Jackson.
        i = whitespace(buffer, i, end);
        if (i == end || buffer[i] != ':') {
          return null;
        }
        i = whitespace(buffer, i + 1, end);
        if (i == end || buffer[i] != '"') {
          return null;
        }
        int valueStart = i + 1;
        int valueEnd = string(buffer, valueStart, end);
        if (valueEnd < 0 || contains(buffer, valueStart, valueEnd, '\\')) {
          return null;
        }
        if (isType) {
          if (typeStart >= 0 || !ignored(buffer, valueStart, valueEnd)) {
            // Jackson reads the line anyway: stop here rather than scan it twice.
            return null;
          }
          typeStart = valueStart;
        } else {
          if (versionStart >= 0) {
            return null;
          }
          versionStart = valueStart;
          versionEnd = valueEnd;
        }
        i = valueEnd + 1;
        continue;
      }
      switch (c) {
        case '{', '[' -> {
          if (depth == MAX_DEPTH) {
            return null;
          }
          long bit = 1L << (depth & 63);
          if (c == '[') {
            arrays[depth >>> 6] |= bit;
          } else {
            arrays[depth >>> 6] &= ~bit;
          }
          depth++;
        }
        case '}', ']' -> {
          depth--;
          boolean array = depth > 0 && (arrays[depth >>> 6] & (1L << (depth & 63))) != 0;
          if (array != (c == ']')) {
            return null;
          }
          if (depth == 0) {
            return whitespace(buffer, i + 1, end) == end
                ? ignorable(buffer, typeStart, versionStart, versionEnd)
                : null;
          }
        }
        case ',' -> keyNext = depth == 1;
        default -> {
          // Outside strings JSON is ASCII without control characters but whitespace.
          if (c >= 0x80 || (c < 0x20 && c != ' ' && c != '\t' && c != '\r' && c != '\n')) {
            return null;
          }
        }
      }
      i++;
    }
  }

  private static @Nullable Ignorable ignorable(
      byte[] buffer, int typeStart, int versionStart, int versionEnd) {
    if (typeStart < 0) {
      return null;
    }
    if (versionStart < 0) {
      return new Ignorable(null);
    }
    var version =
        new String(buffer, versionStart, versionEnd - versionStart, StandardCharsets.UTF_8);
    return new Ignorable(version.isBlank() ? null : version);
  }

  private static boolean ignored(byte[] buffer, int start, int end) {
    // Latin-1 maps bytes to chars one to one: a non-ASCII byte can never match an ASCII name.
    var type = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
    return Schema.IGNORED_TYPES.contains(type);
  }

  /**
   * The index of the quote closing the string whose content starts at {@code i}; -1 if it is not
   * closed, holds a raw control character, an invalid escape or bytes that are not UTF-8.
   */
  private static int string(byte[] buffer, int i, int end) {
    while (i < end) {
      // Eight bytes at a time: long tool outputs are most of the bytes scanned.
      if (i <= end - Long.BYTES) {
        long special = special((long) LONGS.get(buffer, i));
        if (special == 0) {
          i += Long.BYTES;
          continue;
        }
        // The lowest flag is exact (a false one only ever follows a true one).
        i += Long.numberOfTrailingZeros(special) >>> 3;
      }
      switch (IN_STRING[buffer[i] & 0xFF]) {
        case 0 -> i++;
        case 1 -> {
          return i;
        }
        case 2 -> {
          // Most escapes are a backslash and one letter; only a code point has four hex digits
          // more.
          if (i + 1 < end && SIMPLE_ESCAPE[buffer[i + 1] & 0xFF]) {
            i += 2;
          } else {
            i = escape(buffer, i + 1, end);
            if (i < 0) {
              return -1;
            }
          }
        }
        case 4 -> {
          i = character(buffer, i, end);
          if (i < 0) {
            return -1;
          }
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * The high bit of each of the eight bytes (little-endian) that needs a look: a quote, a
   * backslash, a control character or a non-ASCII byte (the classic "has a zero byte" test on each
   * pattern). A byte after a flagged one may be flagged falsely; the lowest flag is exact.
   */
  private static long special(long word) {
    long quote = word ^ 0x2222222222222222L;
    long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
    long flags =
        ((quote - 0x0101010101010101L) & ~quote)
            | ((backslash - 0x0101010101010101L) & ~backslash)
            | ((word - 0x2020202020202020L) & ~word)
            | word;
    return flags & 0x8080808080808080L;
  }

  /** After the escape whose letter is at {@code i}, or -1 when it is not one JSON has. */
  private static int escape(byte[] buffer, int i, int end) {
    if (i >= end) {
      return -1;
    }
    switch (buffer[i]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 1;
      }
      case 'u' -> {
        if (i + 4 >= end) {
          return -1;
        }
        for (int k = 1; k <= 4; k++) {
          if (Character.digit(buffer[i + k], 16) < 0) {
            return -1;
          }
        }
        return i + 5;
      }
      default -> {
        return -1;
      }
    }
  }

  /**
   * After the multi-byte UTF-8 character starting at {@code i}, or -1 when it is not well-formed
   * (the same rules as {@link Unreadable#firstNonText}).
   */
  private static int character(byte[] buffer, int i, int end) {
    int b = buffer[i] & 0xFF;
    int need;
    int min;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + need >= end) {
      return -1;
    }
    int code = b & (0x3F >> need);
    for (int k = 1; k <= need; k++) {
      int c = buffer[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      code = (code << 6) | (c & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return -1;
    }
    return i + need + 1;
  }

  private static int whitespace(byte[] buffer, int i, int end) {
    while (i < end) {
      byte c = buffer[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return i;
      }
      i++;
    }
    return end;
  }

  private static boolean is(byte[] buffer, int start, int end, byte[] name) {
    if (end - start != name.length) {
      return false;
    }
    for (int k = 0; k < name.length; k++) {
      if (buffer[start + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] buffer, int start, int end, char c) {
    for (int k = start; k < end; k++) {
      if (buffer[k] == c) {
        return true;
      }
    }
    return false;
  }
}
