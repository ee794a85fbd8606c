package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flightlog.otlp.AnyValue.Attribute;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a record or point, read leniently by type: an exporter may send a number as
 * {@code intValue}, {@code doubleValue} or a string (Claude Code sends {@code prompt_length} as a
 * string and {@code response_length} as an integer), and a flag as {@code boolValue} or {@code
 * "true"}. A value of the wrong kind reads as absent. Keys should be unique; the last one counts.
 */
final class Attributes {

  static final JsonFactory JSON = new JsonFactory();

  private final List<Attribute> list;

  Attributes(List<Attribute> list) {
    this.list = list;
  }

  @Nullable AnyValue get(String key) {
    for (int i = list.size() - 1; i >= 0; i--) {
      var attribute = list.get(i);
      if (attribute.key().equals(key)) {
        return attribute.value();
      }
    }
    return null;
  }

  /** A string value that is not blank, or an integer or flag as text; else null. */
  @Nullable String text(String key) {
    return switch (get(key)) {
      case AnyValue.Text t -> t.value().isBlank() ? null : t.value();
      case AnyValue.Int i -> Long.toString(i.value());
      case AnyValue.Bool b -> Boolean.toString(b.value());
      case null, default -> null;
    };
  }

  /** A whole number, from an integer, an integral double or a numeric string; else null. */
  @Nullable Long whole(String key) {
    return switch (get(key)) {
      case AnyValue.Int i -> i.value();
      case AnyValue.Real r ->
          Double.isFinite(r.value())
                  && r.value() == Math.rint(r.value())
                  && Math.abs(r.value()) < 0x1p63
              ? (long) r.value()
              : null;
      case AnyValue.Text t -> parseWhole(t.value());
      case null, default -> null;
    };
  }

  /** A finite number, from an integer, a double or a numeric string; else null. */
  @Nullable Double number(String key) {
    return switch (get(key)) {
      case AnyValue.Int i -> (double) i.value();
      case AnyValue.Real r -> Double.isFinite(r.value()) ? r.value() : null;
      case AnyValue.Text t -> parseNumber(t.value());
      case null, default -> null;
    };
  }

  /** A flag, from a boolean or the strings {@code true} and {@code false}; else null. */
  @Nullable Boolean flag(String key) {
    return switch (get(key)) {
      case AnyValue.Bool b -> b.value();
      case AnyValue.Text t ->
          switch (t.value().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
          };
      case null, default -> null;
    };
  }

  private static @Nullable Long parseWhole(String text) {
    try {
      return new BigDecimal(text.trim()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Double parseNumber(String text) {
    try {
      double value = new BigDecimal(text.trim()).doubleValue();
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The attributes as canonical JSON: one object, keys sorted (the last of duplicate keys kept),
   * values as JSON (integers as numbers, bytes as base64, unset values as null), the given keys
   * left out. Equal attribute sets give equal text, whatever their order or encoding on the wire.
   */
  static String canonicalJson(List<Attribute> attributes, Set<String> leaveOut) {
    var out = new StringWriter();
    try (var generator = JSON.createGenerator(out)) {
      writeObject(generator, attributes, leaveOut);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeObject(
      JsonGenerator generator, List<Attribute> attributes, Set<String> leaveOut)
      throws IOException {
    var sorted = new TreeMap<String, AnyValue>();
    for (var attribute : attributes) {
      if (!leaveOut.contains(attribute.key())) {
        sorted.put(attribute.key(), attribute.value());
      }
    }
    generator.writeStartObject();
    for (var entry : sorted.entrySet()) {
      generator.writeFieldName(entry.getKey());
      writeValue(generator, entry.getValue());
    }
    generator.writeEndObject();
  }

  private static void writeValue(JsonGenerator generator, AnyValue value) throws IOException {
    switch (value) {
      case AnyValue.Text t -> generator.writeString(t.value());
      case AnyValue.Bool b -> generator.writeBoolean(b.value());
      case AnyValue.Int i -> generator.writeNumber(i.value());
      case AnyValue.Real r -> {
        if (Double.isFinite(r.value())) {
          generator.writeNumber(r.value());
        } else {
          generator.writeString(Double.toString(r.value()));
        }
      }
      case AnyValue.Bytes b ->
          generator.writeString(Base64.getEncoder().encodeToString(b.toArray()));
      case AnyValue.Array a -> {
        generator.writeStartArray();
        for (var element : a.values()) {
          writeValue(generator, element);
        }
        generator.writeEndArray();
      }
      case AnyValue.KeyValues kv -> writeObject(generator, kv.values(), Set.of());
      case AnyValue.Empty e -> generator.writeNull();
    }
  }
}
