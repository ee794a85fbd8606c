package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read with Jackson's streaming parser, for tests (databind is not on the class path).
 * Objects hold a {@code Map<String, Object>}, arrays a {@code List<Object>}, numbers a {@code Long}
 * or {@code Double}; JSON null and missing members are {@link #MISSING}.
 */
record JsonTree(Object value) {
  /** JSON null, or a member that is not there. */
  static final Object MISSING = new Object();

  private static final JsonFactory JSON = new JsonFactory();

  /** Parses one complete JSON document; fails on trailing content. */
  static JsonTree parse(byte[] bytes, int offset, int length) throws IOException {
    try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty document");
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the document");
      }
      return new JsonTree(value);
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        var object = new LinkedHashMap<String, Object>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String name = parser.currentName();
          object.put(name, read(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        var array = new ArrayList<Object>();
        for (JsonToken next = parser.nextToken();
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
      case VALUE_NULL -> MISSING;
      default -> throw new IOException("unexpected token " + token);
    };
  }

  /** The value at a path of object keys; {@link #MISSING} when a step is absent. */
  JsonTree get(String... path) {
    Object current = value;
    for (var key : path) {
      Object next = current instanceof Map<?, ?> map ? map.get(key) : null;
      current = next == null ? MISSING : next;
    }
    return new JsonTree(current);
  }

  boolean isPresent() {
    return value != MISSING;
  }

  /** The string value, or empty for anything else. */
  String text() {
    return value instanceof String text ? text : "";
  }

  boolean isString() {
    return value instanceof String;
  }

  long number() {
    return value instanceof Number n ? n.longValue() : 0;
  }

  double decimal() {
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  boolean isTrue() {
    return Boolean.TRUE.equals(value);
  }

  List<JsonTree> items() {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    var items = new ArrayList<JsonTree>(list.size());
    for (Object item : list) {
      items.add(new JsonTree(item));
    }
    return items;
  }

  /** Member names in document order, or none for a non-object. */
  List<String> keys() {
    if (!(value instanceof Map<?, ?> map)) {
      return List.of();
    }
    var keys = new ArrayList<String>(map.size());
    for (Object key : map.keySet()) {
      keys.add((String) key);
    }
    return keys;
  }

  /** Members as trees, for iteration. */
  Map<String, JsonTree> members() {
    var members = new LinkedHashMap<String, JsonTree>();
    for (var key : keys()) {
      members.put(key, get(key));
    }
    return members;
  }
}
