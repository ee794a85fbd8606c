package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Decoded;
import dev.flightlog.SkipReason;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lines that are not transcript entries: each is skipped with a reason and where, never thrown. */
class BadLineTest {

  static Decoded decode(byte[] line) {
    return new TranscriptDecoder(Lines.MAIN, "").decode(line, 0, line.length);
  }

  static Decoded decode(String line) {
    return decode(line.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> badLines() {
    var prompt = Lines.PROMPT;
    return Stream.of(
        Arguments.of("", SkipReason.NOT_AN_ENTRY, "empty line"),
        Arguments.of("  \t\r", SkipReason.NOT_AN_ENTRY, "empty line"),
        Arguments.of("[]", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found an array"),
        Arguments.of("42", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found a number"),
        Arguments.of("\"user\"", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found a string"),
        Arguments.of("null", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found null"),
        Arguments.of("{}", SkipReason.NOT_AN_ENTRY, "the entry has no 'type'"),
        Arguments.of(
            "{\"type\":{\"name\":\"user\"}}",
            SkipReason.NOT_AN_ENTRY,
            "the entry's 'type' is not a string"),
        Arguments.of("{\"type\":\" \"}", SkipReason.NOT_AN_ENTRY, "the entry's 'type' is blank"),
        Arguments.of(
            "{\"type\":\"user\"}", SkipReason.NOT_AN_ENTRY, "user entry without a message"),
        Arguments.of(
            "{\"type\":\"assistant\",\"message\":\"hi\"}",
            SkipReason.NOT_AN_ENTRY,
            "assistant entry without a message"),
        Arguments.of(
            "{\"type\":\"cost-state\",\"totalCostUSD\":\"free\"}",
            SkipReason.NOT_AN_ENTRY,
            "cost-state entry without totalCostUSD"),
        Arguments.of(
            "{\"type\":\"cost-state\",\"totalCostUSD\":-1}",
            SkipReason.NOT_AN_ENTRY,
            "cost-state entry rejected: totalCostUsd must be a non-negative number"),
        Arguments.of(
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":-5}}}",
            SkipReason.NOT_AN_ENTRY,
            "assistant entry: message.usage.input_tokens is not a token count"),
        Arguments.of(
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"usage\":"
                + "{\"output_tokens\":99999999999999999999}}}",
            SkipReason.NOT_AN_ENTRY,
            "assistant entry: message.usage.output_tokens is not a token count"),
        Arguments.of(
            "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\"}]}}",
            SkipReason.NOT_AN_ENTRY,
            "user entry: tool_result block without a tool_use_id"),
        Arguments.of(
            "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"\"}]}}",
            SkipReason.NOT_AN_ENTRY,
            "assistant entry: tool_use block without an id"),
        Arguments.of("{", SkipReason.MALFORMED_JSON, "unexpected end of input at byte 1"),
        Arguments.of(
            prompt.substring(0, 100),
            SkipReason.MALFORMED_JSON,
            "unexpected end of input at byte 100"),
        Arguments.of(
            "{\"type\":}",
            SkipReason.MALFORMED_JSON,
            "unexpected character ('}' (code 125)): expected a value at byte 8"),
        Arguments.of(
            "{\"type\":\"user\",}",
            SkipReason.MALFORMED_JSON,
            "unexpected character ('}' (code 125)): was expecting double-quote to start field name"
                + " at byte 15"),
        Arguments.of(
            "{\"type\":\"mode\"} {\"type\":\"mode\"}",
            SkipReason.MALFORMED_JSON,
            "unexpected content after the entry at byte 16"),
        Arguments.of(
            "{\"type\":\"mode\"}]",
            SkipReason.MALFORMED_JSON,
            "unexpected close marker ']': no open Array to close at byte 15"),
        Arguments.of(
            "nope",
            SkipReason.MALFORMED_JSON,
            "unrecognized token 'nope': was expecting (JSON String, Number, Array, Object or token"
                + " 'null', 'true' or 'false') at byte 0"),
        Arguments.of(
            "[".repeat(1001),
            SkipReason.MALFORMED_JSON,
            "document nesting depth (1001) exceeds the maximum allowed (1000, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`) at byte 1001"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("badLines")
  void badLinesAreSkippedWithWhatAndWhere(String line, SkipReason reason, String detail) {
    var decoded = decode(line);

    assertThat(decoded).isEqualTo(new Decoded.Skipped(reason, detail));
  }

  @Test
  void bytesThatAreNotUtf8TextAreBinary() {
    var invalid = new byte[] {'{', '"', 't', (byte) 0xFF, '"', ':', '1', '}'};
    var overlong = new byte[] {'{', '"', 't', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
    var nul = new byte[] {'{', 0, '}'};
    var cut = new byte[] {'{', '"', 't', (byte) 0xE2, (byte) 0x82};

    assertThat(decode(invalid))
        .isEqualTo(new Decoded.Skipped(SkipReason.BINARY, "invalid UTF-8 at byte 3"));
    assertThat(decode(overlong))
        .isEqualTo(new Decoded.Skipped(SkipReason.BINARY, "invalid UTF-8 at byte 3"));
    assertThat(decode(nul)).isEqualTo(new Decoded.Skipped(SkipReason.BINARY, "NUL byte at byte 1"));
    assertThat(decode(cut))
        .isEqualTo(new Decoded.Skipped(SkipReason.BINARY, "invalid UTF-8 at byte 3"));
  }

  @RepeatedTest(20)
  void randomBytesAreSkippedNotThrown() {
    var random = new Random();
    var bytes = new byte[random.nextInt(1, 4096)];
    random.nextBytes(bytes);

    assertThat(decode(bytes)).isInstanceOf(Decoded.Skipped.class);
  }

  @Test
  void byteOffsetsCountFromTheStartOfTheLineNotTheBuffer() {
    var buffer = "{\"type\":\"mode\"}\n{\"type\":}\n".getBytes(StandardCharsets.UTF_8);
    var decoder = new TranscriptDecoder(Lines.MAIN, "");

    assertThat(decoder.decode(buffer, 0, 15)).isInstanceOf(Decoded.Facts.class);
    assertThat(decoder.decode(buffer, 16, 9))
        .isEqualTo(
            new Decoded.Skipped(
                SkipReason.MALFORMED_JSON,
                "unexpected character ('}' (code 125)): expected a value at byte 8"));
  }

  @Test
  void aRangeOutsideTheBufferIsSkipped() {
    var decoder = new TranscriptDecoder(Lines.MAIN, "");

    assertThat(decoder.decode(new byte[4], 2, 3))
        .isEqualTo(
            new Decoded.Skipped(
                SkipReason.NOT_AN_ENTRY, "line at [2, 5) is outside its buffer of 4 bytes"));
  }

  @Test
  void aSkippedLineLeavesTheStateAlone() {
    var decoder = new TranscriptDecoder(Lines.MAIN, "");
    var prompt = Lines.PROMPT.getBytes(StandardCharsets.UTF_8);
    decoder.decode(prompt, 0, prompt.length);
    var before = decoder.state();

    decoder.decode(prompt, 0, 100);

    assertThat(decoder.state()).isEqualTo(before).isNotEmpty();
  }
}
