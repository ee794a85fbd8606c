package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.flightlog.Decoded;
import dev.flightlog.SkipReason;

/** Lines (and meta files) Jackson could not read, and the skip each one is counted as. */
final class Unreadable {

  /** The longest part of Jackson's message kept in a skip's detail. */
  private static final int MESSAGE_CHARS = 200;

  private Unreadable() {}

  /**
   * Why a line Jackson could not read was skipped. Bytes that are not UTF-8 text (or a NUL, which
   * no JSON text contains raw) make it {@link SkipReason#BINARY}: the file is not a transcript, or
   * the line was torn. Anything else is {@link SkipReason#MALFORMED_JSON}, with where the parser
   * stopped, counted from the start of the line.
   */
  static Decoded.Skipped skip(JsonProcessingException e, byte[] buffer, int offset, int length) {
    int bad = firstNonText(buffer, offset, length);
    if (bad >= 0) {
      var what = buffer[offset + bad] == 0 ? "NUL byte" : "invalid UTF-8";
      return new Decoded.Skipped(SkipReason.BINARY, what + " at byte " + bad);
    }
    var location = e.getLocation();
    long at = location == null ? -1 : location.getByteOffset();
    if (e instanceof JsonEOFException) {
      return new Decoded.Skipped(
          SkipReason.MALFORMED_JSON, "unexpected end of input at byte " + at);
    }
    var message = e.getOriginalMessage();
    message = message == null || message.isBlank() ? "invalid JSON" : message;
    // Jackson appends where a structure started and a hint; the byte offset says where.
    int cut = message.indexOf('\n');
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    cut = message.indexOf(" (start marker at");
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    if (message.length() > MESSAGE_CHARS) {
      message = message.substring(0, MESSAGE_CHARS) + "…";
    }
    message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    return new Decoded.Skipped(SkipReason.MALFORMED_JSON, message + " at byte " + at);
  }

  /**
   * The index of the first byte that is not part of well-formed UTF-8 text, or is NUL; -1 when
   * there is none. Overlong forms, encoded surrogates and code points past U+10FFFF are not
   * well-formed.
   */
  static int firstNonText(byte[] buffer, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = buffer[i] & 0xFF;
      if (b == 0) {
        return i - offset;
      }
      if (b < 0x80) {
        i++;
        continue;
      }
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
        return i - offset;
      }
      if (i + need >= end) {
        return i - offset;
      }
      int code = b & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int c = buffer[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return i - offset;
        }
        code = (code << 6) | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return i - offset;
      }
      i += need + 1;
    }
    return -1;
  }
}
