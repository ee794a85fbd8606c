package dev.flightlog.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format from one message's bytes: tags, varints, fixed-width numbers and
 * length-delimited fields, and skips any field by its wire type. Every read is bounds-checked; a
 * body that does not follow the format fails with {@code "malformed protobuf at byte N: …"}, N
 * counted from the start of the body.
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  private final byte[] bytes;
  private final int start;
  private final int end;
  private int position;
  private int field;
  private int wireType;
  private int tagAt;

  ProtoReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private ProtoReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.start = start;
    this.position = start;
    this.end = end;
  }

  /**
   * Reads the next field's tag; false at the end of the message. Then {@link #field()} and {@link
   * #wireType()} describe it and one of the value reads (or {@link #skip()}) must follow.
   */
  boolean next() {
    if (position >= end) {
      return false;
    }
    tagAt = position;
    long tag = varint();
    if (tag < 0 || tag > Integer.MAX_VALUE) {
      throw malformed(tagAt, "field tag " + Long.toUnsignedString(tag) + " is out of range");
    }
    field = (int) (tag >>> 3);
    wireType = (int) (tag & 7);
    if (field == 0) {
      throw malformed(tagAt, "field number 0");
    }
    if (wireType != VARINT && wireType != I64 && wireType != LEN && wireType != I32) {
      throw malformed(tagAt, "field " + field + " has wire type " + wireType + describe(wireType));
    }
    return true;
  }

  int field() {
    return field;
  }

  int wireType() {
    return wireType;
  }

  /**
   * Checks that the current field, known to the caller as {@code message.name}, has the wire type
   * its declaration gives.
   */
  void expect(int expected, String message, String name) {
    if (wireType != expected) {
      throw malformed(
          tagAt,
          "field "
              + name
              + " ("
              + field
              + ") of "
              + message
              + " has wire type "
              + wireType
              + ", expected "
              + expected);
    }
  }

  /** Skips the current field's value. */
  void skip() {
    switch (wireType) {
      case VARINT -> varint();
      case I64 -> advance(8);
      case LEN -> advance(length());
      case I32 -> advance(4);
      default ->
          throw new IllegalStateException("wire type " + wireType + " was checked by next()");
    }
  }

  long varint() {
    int start = position;
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw malformed(start, "varint cut off at the end of its message");
      }
      byte b = bytes[position++];
      if (shift == 63 && (b & 0xFE) != 0) {
        throw malformed(start, "varint longer than 64 bits");
      }
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw malformed(start, "varint longer than 10 bytes");
  }

  long fixed64() {
    int start = need(8);
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[start + i] & 0xFFL);
    }
    return value;
  }

  double double64() {
    return Double.longBitsToDouble(fixed64());
  }

  /** The current length-delimited field as a reader of its own. */
  ProtoReader message() {
    int length = length();
    int start = need(length);
    return new ProtoReader(bytes, start, start + length);
  }

  String string() {
    int length = length();
    int start = need(length);
    return new String(bytes, start, length, StandardCharsets.UTF_8);
  }

  byte[] bytes() {
    int length = length();
    int start = need(length);
    return Arrays.copyOfRange(bytes, start, start + length);
  }

  /** Where this message starts in the body. */
  int start() {
    return start;
  }

  /** Where the current field's tag starts in the body. */
  int tagOffset() {
    return tagAt;
  }

  private int length() {
    int start = position;
    long length = varint();
    if (length < 0 || length > end - position) {
      throw malformed(
          start,
          "length "
              + (length < 0 ? Long.toUnsignedString(length) : Long.toString(length))
              + " exceeds the "
              + (end - position)
              + " bytes left in its message");
    }
    return (int) length;
  }

  /** Advances over {@code count} bytes that must be there; where they start. */
  private int need(int count) {
    if (count > end - position) {
      throw malformed(
          position, count + " bytes needed but only " + (end - position) + " left in the message");
    }
    int start = position;
    position += count;
    return start;
  }

  private void advance(int count) {
    need(count);
  }

  OtlpException malformed(int at, String what) {
    return new OtlpException("malformed protobuf at byte " + at + ": " + what);
  }

  private static String describe(int wireType) {
    return switch (wireType) {
      case 3, 4 -> " (groups are not used by OTLP)";
      default -> " (not a protobuf wire type)";
    };
  }
}
