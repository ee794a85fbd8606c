package dev.flightlog.install;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small order-preserving JSON tree: objects are {@link LinkedHashMap}s, arrays {@link
 * ArrayList}s, and the leaves {@link String}, {@link Number} ({@link JsonNumber}, keeping the
 * number's text), {@link Boolean} and {@code null}. Written back pretty, two spaces per level, as
 * Claude Code writes its settings.
 */
final class JsonTree {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Nesting deeper than this is refused (a settings file is a few levels deep). */
  private static final int MAX_DEPTH = 200;

  private static final HexFormat HEX = HexFormat.of();

  private JsonTree() {}

  /** A JSON number as it was written, so writing it back changes nothing. */
  record JsonNumber(String text) {
    JsonNumber {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Why a text is not JSON, and where (1-based line and column). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    final int line;
    final int column;
    final String reason;

    Malformed(int line, int column, String reason) {
      super("line " + line + ", column " + column + ": " + reason);
      this.line = line;
      this.column = column;
      this.reason = reason;
    }
  }

  /** Parses one JSON value (surrounding whitespace allowed, nothing else). */
  static @Nullable Object parse(String text) throws Malformed {
    try (var parser = FACTORY.createParser(text)) {
      var first = parser.nextToken();
      if (first == null) {
        throw new Malformed(1, 1, "no JSON value (the file is empty)");
      }
      var value = value(parser, 0);
      if (parser.nextToken() != null) {
        throw malformed(parser, "more text after the JSON value");
      }
      return value;
    } catch (JsonParseException e) {
      var location = e.getLocation();
      var reason = e.getOriginalMessage();
      int cut = reason.indexOf("\n at [Source");
      throw new Malformed(
          location == null ? 0 : location.getLineNr(),
          location == null ? 0 : location.getColumnNr(),
          cut >= 0 ? reason.substring(0, cut) : reason);
    } catch (IOException e) {
      throw new Malformed(0, 0, String.valueOf(e.getMessage()));
    }
  }

  private static @Nullable Object value(JsonParser parser, int depth)
      throws IOException, Malformed {
    if (depth > MAX_DEPTH) {
      throw malformed(parser, "nested deeper than " + MAX_DEPTH + " levels");
    }
    var token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        var object = new LinkedHashMap<String, @Nullable Object>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          var name = parser.currentName();
          parser.nextToken();
          object.put(name, value(parser, depth + 1));
        }
        yield object;
      }
      case START_ARRAY -> {
        var array = new ArrayList<@Nullable Object>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser, depth + 1));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText());
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw malformed(parser, "unexpected " + token);
    };
  }

  private static Malformed malformed(JsonParser parser, String reason) {
    var location = parser.currentTokenLocation();
    return new Malformed(location.getLineNr(), location.getColumnNr(), reason);
  }

  /** The value as pretty JSON with a final newline. */
  static String write(@Nullable Object value) {
    var out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(@Nullable Object value, StringBuilder out, int depth) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case JsonNumber n -> out.append(n.text());
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        if (map.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        var first = true;
        for (var entry : map.entrySet()) {
          out.append(first ? "\n" : ",\n");
          first = false;
          indent(out, depth + 1);
          quote(String.valueOf(entry.getKey()), out);
          out.append(": ");
          write(entry.getValue(), out, depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
      }
      case List<?> list -> {
        if (list.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        var first = true;
        for (var element : list) {
          out.append(first ? "\n" : ",\n");
          first = false;
          indent(out, depth + 1);
          write(element, out, depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
      }
      default ->
          throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  /**
   * A JSON string. A lone surrogate (which a file can hold only as a backslash-u escape) is written
   * as that escape again: written raw, it would become '?' when the text is encoded as UTF-8.
   */
  private static void quote(String s, StringBuilder out) {
    out.append('"');
    var encoder = JsonStringEncoder.getInstance();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a pair: one character beyond the BMP, written as it is
      } else if (Character.isSurrogate(c)) {
        encoder.quoteAsString(s.substring(start, i), out);
        out.append("\\u").append(HEX.formatHex(new byte[] {(byte) (c >> 8), (byte) c}));
        start = i + 1;
      }
    }
    encoder.quoteAsString(start == 0 ? s : s.substring(start), out);
    out.append('"');
  }
}
