package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * What a transcript decoder carries from one line to the next, so that a file can be continued
 * mid-way by a new decoder: the turn the next lines belong to (assistant lines do not say), the
 * Claude Code version last seen (for drift on lines without one) and whether the file's thread has
 * been reported yet.
 *
 * <p>Stored as a small JSON object, e.g. {@code {"p":"63ad…","v":"2.1.328","t":true}}; the fresh
 * state is the empty string.
 */
record DecoderState(@Nullable String promptId, @Nullable String version, boolean threadSeen) {

  static final DecoderState FRESH = new DecoderState(null, null, false);

  /**
   * The state {@link #encode()} wrote. A state this version cannot read (a future format, a damaged
   * store) is treated as fresh: at worst the lines before the next prompt lack a prompt id.
   */
  static DecoderState parse(String encoded) {
    if (encoded.isEmpty()) {
      return FRESH;
    }
    try (var parser = LineParser.JSON.createParser(encoded)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return FRESH;
      }
      String promptId = null;
      String version = null;
      boolean threadSeen = false;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        var token = parser.nextToken();
        switch (name) {
          case "p" -> promptId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "v" -> version = token == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "t" -> threadSeen = token == JsonToken.VALUE_TRUE;
          default -> parser.skipChildren();
        }
      }
      return new DecoderState(promptId, version, threadSeen);
    } catch (IOException e) {
      // Not JSON (reading a string cannot fail otherwise).
      return FRESH;
    }
  }

  String encode() {
    if (equals(FRESH)) {
      return "";
    }
    var out = new StringWriter();
    try (var generator = LineParser.JSON.createGenerator(out)) {
      generator.writeStartObject();
      if (promptId != null) {
        generator.writeStringField("p", promptId);
      }
      if (version != null) {
        generator.writeStringField("v", version);
      }
      if (threadSeen) {
        generator.writeBooleanField("t", true);
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
