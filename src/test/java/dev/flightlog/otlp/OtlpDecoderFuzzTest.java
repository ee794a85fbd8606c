package dev.flightlog.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes as an OTLP body, JSON and protobuf, logs and metrics: an {@link Export} comes
 * back or an {@link OtlpException} is thrown, nothing else (no other exception, no hang, no
 * overflow). A plain {@code mvn test} replays the seeds (and any crash kept as a regression case)
 * under {@code src/test/resources/dev/flightlog/otlp/OtlpDecoderFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes one method per run, so name it ({@code
 * -Dtest=OtlpDecoderFuzzTest#protobuf}); the other is skipped. See docs/fuzzing.md.
 */
class OtlpDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "\"resourceLogs\"",
    "\"resourceMetrics\"",
    "\"scopeLogs\"",
    "\"scopeMetrics\"",
    "\"logRecords\"",
    "\"metrics\"",
    "\"attributes\"",
    "\"key\"",
    "\"value\"",
    "\"stringValue\"",
    "\"intValue\"",
    "\"doubleValue\"",
    "\"boolValue\"",
    "\"bytesValue\"",
    "\"arrayValue\"",
    "\"kvlistValue\"",
    "\"values\"",
    "\"timeUnixNano\"",
    "\"sum\"",
    "\"gauge\"",
    "\"histogram\"",
    "\"dataPoints\"",
    "\"asDouble\"",
    "\"asInt\"",
    "\"aggregationTemporality\"",
    "\"event.name\"",
    "\"session.id\"",
    "\"tool_use_id\"",
    "\"request_id\"",
    "\"tool_result\"",
    "\"api_request\"",
    "\"service.name\"",
    "\"claude-code\"",
    "\"NaN\"",
    "\"18446744073709551615\""
  })
  void json(byte[] body) {
    decode(Encoding.JSON, body);
  }

  @FuzzTest(maxDuration = "30s")
  // libFuzzer escapes: tags of the length-delimited fields (1, 2, 3, 5, 6, 7, 9, 11, 12), a
  // fixed64 tag, and a length of 4 GiB.
  @DictionaryEntries({
    "\\x0A",
    "\\x12",
    "\\x1A",
    "\\x2A",
    "\\x32",
    "\\x3A",
    "\\x4A",
    "\\x5A",
    "\\x62",
    "\\x09",
    "\\xFF\\xFF\\xFF\\xFF\\x0F"
  })
  void protobuf(byte[] body) {
    decode(Encoding.PROTOBUF, body);
  }

  private static void decode(Encoding encoding, byte[] body) {
    for (var signal : Signal.values()) {
      try {
        var export = OtlpDecoder.decode(signal, encoding, body);
        assertThat(export.accepted() + export.rejected()).isNotNegative();
      } catch (OtlpException expected) {
        assertThat(expected.getMessage()).startsWith("malformed ");
      }
    }
  }
}
