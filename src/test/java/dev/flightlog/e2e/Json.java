package dev.flightlog.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Small JSON trees for tests, on Jackson's streaming API (databind is not on the class path):
 * objects are {@code Map<String, Object>} in document order, arrays {@code List<Object>}, numbers
 * {@code Long} or {@code Double}, JSON null is Java {@code null}.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Parses one complete document; a malformed one is an {@link IllegalArgumentException}. */
  public static @Nullable Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      var first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("empty JSON document");
      }
      var value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(
            "trailing content after the JSON document at byte "
                + parser.currentTokenLocation().getByteOffset());
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "malformed JSON: " + e.getMessage() + " in: " + abbreviate(text), e);
    }
  }

  /** Parses a document that must be an object. */
  public static Map<String, Object> object(String text) {
    if (parse(text) instanceof Map<?, ?> map) {
      return cast(map);
    }
    throw new IllegalArgumentException("expected a JSON object: " + abbreviate(text));
  }

  /** Each line of JSON Lines text as an object; blank lines are ignored. */
  public static List<Map<String, Object>> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).map(Json::object).toList();
  }

  private static @Nullable Object read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        var object = new LinkedHashMap<String, @Nullable Object>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          var name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        var array = new ArrayList<@Nullable Object>();
        for (var next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected token " + token);
    };
  }

  /**
   * The value at a path of object keys (strings) and array indexes (integers); null when a step is
   * missing or of another kind.
   */
  public static @Nullable Object at(@Nullable Object root, Object... path) {
    var current = root;
    for (var step : path) {
      if (step instanceof String key && current instanceof Map<?, ?> map) {
        current = map.get(key);
      } else if (step instanceof Integer index
          && current instanceof List<?> list
          && index >= 0
          && index < list.size()) {
        current = list.get(index);
      } else {
        return null;
      }
    }
    return current;
  }

  /** The string at a path, or null. */
  public static @Nullable String string(@Nullable Object root, Object... path) {
    return at(root, path) instanceof String s ? s : null;
  }

  /** The list at a path, or an empty list. */
  public static List<Object> list(@Nullable Object root, Object... path) {
    return at(root, path) instanceof List<?> list ? cast(list) : List.of();
  }

  @SuppressWarnings("unchecked") // Json builds only String-keyed maps
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked") // a read-only view of any list
  private static List<Object> cast(List<?> list) {
    return (List<Object>) list;
  }

  /**
   * Writes a tree of maps, lists, strings, numbers, booleans and nulls as compact JSON; a {@link
   * Raw} value is written as given.
   */
  public static String write(@Nullable Object value) {
    var out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** JSON text that {@link #write} copies verbatim (it must be one valid value). */
  public record Raw(String json) {}

  private static void write(JsonGenerator generator, @Nullable Object value) throws IOException {
    switch (value) {
      case null -> generator.writeNull();
      case Raw raw -> generator.writeRawValue(raw.json());
      case String s -> generator.writeString(s);
      case Boolean b -> generator.writeBoolean(b);
      case Integer i -> generator.writeNumber(i);
      case Long l -> generator.writeNumber(l);
      case Double d -> generator.writeNumber(d);
      case Map<?, ?> map -> {
        generator.writeStartObject();
        for (var entry : map.entrySet()) {
          generator.writeFieldName(String.valueOf(entry.getKey()));
          write(generator, entry.getValue());
        }
        generator.writeEndObject();
      }
      case List<?> list -> {
        generator.writeStartArray();
        for (var item : list) {
          write(generator, item);
        }
        generator.writeEndArray();
      }
      default ->
          throw new IllegalArgumentException(
              "cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
