package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A position in an OTLP JSON body and the proto3 JSON mapping's reading of what is there: objects
 * whose {@code null} fields are unset, lists whose elements that are not objects are left out and
 * counted ({@link Dropped}), 64-bit integers as numbers or strings, doubles also as {@code "NaN"}
 * and {@code "Infinity"}, bytes as base64, enums as numbers or names. A value of the wrong JSON
 * type is malformed, with the byte where it starts.
 */
final class JsonCursor {

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final JsonParser parser;
  private final Dropped dropped;

  JsonCursor(JsonParser parser, Dropped dropped) {
    this.parser = parser;
    this.dropped = dropped;
  }

  // --- structure ---

  /**
   * Enters the object the parser is on and moves to its first field with a non-null value: its
   * name, the parser on the value; null when it has none.
   */
  @Nullable String firstField(String what) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw malformed(what + " must be an object");
    }
    return nextField();
  }

  /** The next field with a non-null value of the object being read, or null at its end. */
  @Nullable String nextField() throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      if (parser.nextToken() != JsonToken.VALUE_NULL) {
        return name;
      }
    }
    return null;
  }

  void enterArray(String what) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw malformed(what + " must be an array");
    }
  }

  /**
   * Moves to the next object element of the array being read; false at its end. Any other element
   * is left out and counted, as an item when {@code items}.
   */
  boolean nextObject(String what, boolean items) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_OBJECT) {
        return true;
      }
      if (token == null) {
        throw malformed(what + " is cut off before its end");
      }
      long offset = tokenOffset();
      parser.skipChildren();
      if (items) {
        dropped.item(what, offset);
      } else {
        dropped.element(what, offset);
      }
    }
    return false;
  }

  void skip() throws IOException {
    parser.skipChildren();
  }

  // --- scalars ---

  String string(String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed(field + " must be a string");
    }
    return parser.getText();
  }

  boolean bool(String field) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case null, default -> throw malformed(field + " must be true or false");
    };
  }

  /** A 64-bit integer as a JSON number or string, exactly. */
  BigInteger integer(String field) throws IOException {
    try {
      return switch (parser.currentToken()) {
        case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
        case VALUE_NUMBER_FLOAT -> whole(field, parser.getDecimalValue());
        case VALUE_STRING -> whole(field, new BigDecimal(parser.getText().trim()));
        case null, default -> throw malformed(field + " must be an integer");
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw malformed(field + " must be an integer, not '" + parser.getText() + "'");
    }
  }

  /**
   * The decimal as an integer. Checked for size first: {@code "1E38000000"} would otherwise expand
   * to 38 million digits, a minute of work for a 20-byte string.
   */
  private BigInteger whole(String field, BigDecimal value) throws IOException {
    if (value.signum() == 0) {
      return BigInteger.ZERO;
    }
    if (value.precision() - value.scale() > 20) { // more integer digits than 2^64 has
      throw malformed(field + " is out of range for a 64-bit integer: '" + parser.getText() + "'");
    }
    return value.toBigIntegerExact();
  }

  long uint64(String field) throws IOException {
    // Fast path: the usual decimal string or number that fits a long.
    long fast = plainLong();
    if (fast >= 0) {
      return fast;
    }
    var value = integer(field);
    if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
      throw malformed(field + " is out of range for an unsigned 64-bit integer: " + value);
    }
    return value.longValue();
  }

  /**
   * A non-negative integer written as plain digits (a JSON number or a string) that fits a long, or
   * -1 for anything else, which the exact path then reads or rejects.
   */
  long plainLong() throws IOException {
    var token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return -1;
      }
      return parser.getLongValue();
    }
    if (token != JsonToken.VALUE_STRING) {
      return -1;
    }
    var chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    if (length == 0 || length > 19) {
      return -1;
    }
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    // Nineteen digits may pass Long.MAX_VALUE, which wraps to a negative value or below 10^18.
    return length == 19 && value < 1_000_000_000_000_000_000L ? -1 : value;
  }

  long uint32(String field) throws IOException {
    var value = integer(field);
    if (value.signum() < 0 || value.bitLength() > 32) {
      throw malformed(field + " is out of range for an unsigned 32-bit integer: " + value);
    }
    return value.longValue();
  }

  long int64(String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    var value = integer(field);
    if (value.bitLength() > 63) {
      throw malformed(field + " is out of range for a 64-bit integer: " + value);
    }
    return value.longValue();
  }

  double real(String field) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_STRING -> {
        var text = parser.getText().trim();
        switch (text) {
          case "NaN" -> {
            return Double.NaN;
          }
          case "Infinity" -> {
            return Double.POSITIVE_INFINITY;
          }
          case "-Infinity" -> {
            return Double.NEGATIVE_INFINITY;
          }
          default -> {
            try {
              return new BigDecimal(text).doubleValue();
            } catch (NumberFormatException e) {
              throw malformed(field + " must be a number, not '" + text + "'");
            }
          }
        }
      }
      case null, default -> throw malformed(field + " must be a number");
    }
  }

  byte[] bytes(String field) throws IOException {
    var text = string(field);
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(field + " is not base64: " + e.getMessage());
    }
  }

  /** An enum as its number or its name. */
  int enumValue(String field, List<String> names) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      int index = names.indexOf(parser.getText());
      if (index < 0) {
        throw malformed(field + " has an unknown value '" + parser.getText() + "'");
      }
      return index;
    }
    var value = integer(field);
    if (value.bitLength() > 31) {
      throw malformed(field + " is out of range: " + value);
    }
    return value.intValue();
  }

  // --- positions ---

  int tokenOffset() {
    return (int) Math.max(0, parser.currentTokenLocation().getByteOffset());
  }

  OtlpException malformed(String what) {
    return new OtlpException("malformed OTLP JSON at byte " + tokenOffset() + ": " + what);
  }
}
