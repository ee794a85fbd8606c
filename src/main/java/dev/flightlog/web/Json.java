package dev.flightlog.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Small JSON documents written with Jackson's streaming generator into bytes. */
final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes one JSON value with the generator it is given. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  private Json() {}

  static byte[] bytes(Writer writer) {
    var out = new ByteArrayOutputStream(256);
    try (var generator = FACTORY.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e);
    }
    return out.toByteArray();
  }

  /** {@code {"error": message}}: the error body of every endpoint but OTLP's. */
  static byte[] error(String message) {
    return bytes(
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("error", message);
          generator.writeEndObject();
        });
  }

  /** An RFC 3339 UTC time, or null. */
  static void time(JsonGenerator generator, String name, @Nullable Instant instant)
      throws IOException {
    generator.writeFieldName(name);
    if (instant == null) {
      generator.writeNull();
    } else {
      generator.writeString(instant.toString());
    }
  }

  static void string(JsonGenerator generator, String name, @Nullable String value)
      throws IOException {
    generator.writeFieldName(name);
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value);
    }
  }

  static void number(JsonGenerator generator, String name, @Nullable Number value)
      throws IOException {
    generator.writeFieldName(name);
    switch (value) {
      case null -> generator.writeNull();
      case Long l -> generator.writeNumber(l);
      case Integer i -> generator.writeNumber(i);
      case Double d -> generator.writeNumber(d);
      default -> generator.writeNumber(value.toString());
    }
  }
}
