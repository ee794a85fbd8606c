package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * JSON documents as plain Java values for tests (databind is not on the class path): objects are
 * {@code Map<String, Object>} in document order, arrays {@code List<Object>}, numbers {@code Long}
 * or {@code Double}, JSON null is absent from its object (or {@code null} in an array).
 */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static Object parse(byte[] bytes) {
    try (var parser = FACTORY.createParser(bytes)) {
      var value = Objects.requireNonNull(read(parser, Objects.requireNonNull(parser.nextToken())));
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the document");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable Object read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        var object = new LinkedHashMap<String, Object>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          var name = parser.currentName();
          var value = read(parser, Objects.requireNonNull(parser.nextToken()));
          if (value != null) {
            object.put(name, value);
          }
        }
        yield object;
      }
      case START_ARRAY -> {
        var array = new ArrayList<Object>();
        for (var next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(read(parser, Objects.requireNonNull(next)));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + token);
    };
  }

  /** The value as compact JSON. */
  public static String write(Object value) {
    var out = new StringWriter();
    try (var generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(com.fasterxml.jackson.core.JsonGenerator generator, Object value)
      throws IOException {
    switch (value) {
      case Map<?, ?> map -> {
        generator.writeStartObject();
        for (var entry : map.entrySet()) {
          generator.writeFieldName(String.valueOf(entry.getKey()));
          write(generator, Objects.requireNonNull(entry.getValue()));
        }
        generator.writeEndObject();
      }
      case List<?> list -> {
        generator.writeStartArray();
        for (var element : list) {
          write(generator, Objects.requireNonNull(element));
        }
        generator.writeEndArray();
      }
      case String s -> generator.writeString(s);
      case Long l -> generator.writeNumber(l);
      case Integer i -> generator.writeNumber(i);
      case Double d -> generator.writeNumber(d);
      case Boolean b -> generator.writeBoolean(b);
      default -> throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** The objects of a list member ({@code []} when absent), leaving out anything else. */
  public static List<Map<String, Object>> objects(Map<String, Object> object, String name) {
    var result = new ArrayList<Map<String, Object>>();
    var value = object.get(name);
    if (value instanceof List<?> list) {
      for (var element : list) {
        if (element instanceof Map<?, ?>) {
          result.add(object(element));
        }
      }
    }
    return result;
  }
}
