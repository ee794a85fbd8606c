package dev.flightlog.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Answers as an OTLP exporter reads them: checked with the official message classes. */
class OtlpResponseTest {

  @Test
  void aFullSuccessIsAnEmptyResponse() throws InvalidProtocolBufferException {
    assertThat(OtlpResponse.exported(Signal.LOGS, Encoding.PROTOBUF, 0, "")).isEmpty();
    assertThat(
            ExportLogsServiceResponse.parseFrom(
                    OtlpResponse.exported(Signal.LOGS, Encoding.PROTOBUF, 0, "ignored"))
                .hasPartialSuccess())
        .isFalse();
    assertThat(
            new String(
                OtlpResponse.exported(Signal.METRICS, Encoding.JSON, 0, ""),
                StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  @Test
  void aPartialSuccessCountsTheRejectedItems() throws InvalidProtocolBufferException {
    var logs =
        ExportLogsServiceResponse.parseFrom(
            OtlpResponse.exported(Signal.LOGS, Encoding.PROTOBUF, 3, "3 records without ids"));
    assertThat(logs.getPartialSuccess().getRejectedLogRecords()).isEqualTo(3);
    assertThat(logs.getPartialSuccess().getErrorMessage()).isEqualTo("3 records without ids");
    var metrics =
        ExportMetricsServiceResponse.parseFrom(
            OtlpResponse.exported(Signal.METRICS, Encoding.PROTOBUF, 300, "é"));
    assertThat(metrics.getPartialSuccess().getRejectedDataPoints()).isEqualTo(300);
    assertThat(metrics.getPartialSuccess().getErrorMessage()).isEqualTo("é");
    assertThat(
            new String(
                OtlpResponse.exported(Signal.LOGS, Encoding.JSON, 2, "say \"why\""),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"say \\\"why\\\"\"}}");
  }

  @Test
  void aMalformedRequestIsAnInvalidArgumentStatus() {
    assertThat(new String(OtlpResponse.malformed(Encoding.JSON, "bad"), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":3,\"message\":\"bad\"}");
    // google.rpc.Status: code (1) = 3, message (2) = "bad".
    assertThat(OtlpResponse.malformed(Encoding.PROTOBUF, "bad"))
        .containsExactly(0x08, 0x03, 0x12, 0x03, 'b', 'a', 'd');
    assertThat(OtlpResponse.contentType(Encoding.PROTOBUF)).isEqualTo("application/x-protobuf");
  }
}
