package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.web.Receivers.Encoding;
import dev.flightlog.web.Receivers.OtlpReply;
import dev.flightlog.web.Receivers.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OtlpEndpointTest {

  private static final String LOGS =
      """
      {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"claude_code.tool_result"}}]}]}]}""";

  /** A tiny ExportLogsServiceRequest: resource_logs { scope_logs { log_records { } } }. */
  private static final byte[] LOGS_PROTO = {0x0A, 0x04, 0x12, 0x02, 0x12, 0x00};

  private static RawHttp.Response post(
      Running running,
      String path,
      String contentType,
      @Nullable String contentEncoding,
      byte[] body)
      throws IOException {
    try (var client = running.client()) {
      var headers = new HashMap<String, @Nullable String>();
      headers.put("Content-Type", contentType);
      if (contentEncoding != null) {
        headers.put("Content-Encoding", contentEncoding);
      }
      return client.exchange("POST", path, headers, body);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static FakeReceivers.Otlp received(Running running) throws InterruptedException {
    var call = running.receivers.otlp.poll(10, TimeUnit.SECONDS);
    assertThat(call).as("the receiver was called").isNotNull();
    return call;
  }

  @Test
  void jsonLogsAreHandedOnAndAnsweredWithAnEmptyResponse() throws Exception {
    try (var running = Running.start()) {
      var response = post(running, "/v1/logs", "application/json", null, utf8(LOGS));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("{}");
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      var call = received(running);
      assertThat(call.signal()).isEqualTo(Signal.LOGS);
      assertThat(call.encoding()).isEqualTo(Encoding.JSON);
      assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo(LOGS);
      assertThat(running.server.counts().received())
          .containsEntry("otlp_logs", 1L)
          .containsEntry("otlp_metrics", 0L);
    }
  }

  @Test
  void protobufMetricsAreAnsweredWithAnEmptyProtobufBody() throws Exception {
    try (var running = Running.start()) {
      var response =
          post(running, "/v1/metrics", "application/x-protobuf", null, LOGS_PROTO.clone());
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
      assertThat(response.header("Content-Type")).isEqualTo("application/x-protobuf");
      assertThat(response.header("Content-Length")).isEqualTo("0");
      var call = received(running);
      assertThat(call.signal()).isEqualTo(Signal.METRICS);
      assertThat(call.encoding()).isEqualTo(Encoding.PROTOBUF);
      assertThat(call.body()).isEqualTo(LOGS_PROTO);
    }
  }

  @Test
  void partialSuccessIsReportedInTheRequestsEncoding() throws Exception {
    try (var running = Running.start()) {
      running.receivers.otlpAnswer =
          call -> new OtlpReply.Accepted(3, 2, "2 log records without a session id");
      var json = post(running, "/v1/logs", "application/json", null, utf8(LOGS));
      assertThat(json.status()).isEqualTo(200);
      assertThat(json.text())
          .isEqualTo(
              "{\"partialSuccess\":{\"rejectedLogRecords\":\"2\","
                  + "\"errorMessage\":\"2 log records without a session id\"}}");
      var metrics = post(running, "/v1/metrics", "application/json", null, utf8("{}"));
      assertThat(metrics.text()).startsWith("{\"partialSuccess\":{\"rejectedDataPoints\":\"2\",");

      running.receivers.otlpAnswer = call -> new OtlpReply.Accepted(0, 300, "bad");
      var proto = post(running, "/v1/metrics", "application/x-protobuf", null, LOGS_PROTO.clone());
      assertThat(proto.status()).isEqualTo(200);
      // partial_success (field 1, 8 bytes) { rejected_data_points (1) = 300, varint ac 02;
      // error_message (2, 3 bytes) "bad" }
      assertThat(HexFormat.of().formatHex(proto.body())).isEqualTo("0a0808ac021203626164");
    }
  }

  @Test
  void gzipBodiesAreInflatedBeforeTheReceiverSeesThem() throws Exception {
    try (var running = Running.start()) {
      var response = post(running, "/v1/logs", "application/json", "gzip", gzip(utf8(LOGS)));
      assertThat(response.status()).isEqualTo(200);
      assertThat(new String(received(running).body(), StandardCharsets.UTF_8)).isEqualTo(LOGS);
      var identity = post(running, "/v1/logs", "application/json", "identity", utf8(LOGS));
      assertThat(identity.status()).isEqualTo(200);
    }
  }

  @Test
  void aGzipBombIsRefusedOnceItInflatesPastTheCap() throws Exception {
    try (var running = Running.start()) {
      var bomb = gzip(new byte[33 << 20]);
      assertThat(bomb.length).isLessThan(100_000);
      var response = post(running, "/v1/logs", "application/json", "gzip", bomb);
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.text())
          .isEqualTo("{\"code\":8,\"message\":\"gzip body inflated exceeds 32 MiB\"}");
      assertThat(running.receivers.otlp).isEmpty();
      assertThat(running.rejected("otlp_logs", "too_large")).isEqualTo(1);
      // Exactly at the cap is fine.
      var full = post(running, "/v1/logs", "application/json", "gzip", gzip(new byte[32 << 20]));
      assertThat(full.status()).isEqualTo(200);
      assertThat(received(running).body()).hasSize(32 << 20);
    }
  }

  @Test
  void malformedBodiesGetA400WithTheDecodersMessage() throws Exception {
    try (var running = Running.start()) {
      running.receivers.otlpAnswer =
          call -> new OtlpReply.Malformed("malformed OTLP JSON at byte 1: expected '{', found 'x'");
      var json = post(running, "/v1/logs", "application/json", null, utf8("xyz"));
      assertThat(json.status()).isEqualTo(400);
      assertThat(json.header("Content-Type")).isEqualTo("application/json");
      assertThat(json.text())
          .isEqualTo(
              "{\"code\":3,\"message\":\"malformed OTLP JSON at byte 1: expected '{', found"
                  + " 'x'\"}");

      var proto = post(running, "/v1/logs", "application/x-protobuf", null, utf8("xyz"));
      assertThat(proto.status()).isEqualTo(400);
      assertThat(proto.header("Content-Type")).isEqualTo("application/x-protobuf");
      // google.rpc.Status { code = 3; message = "…" }
      var message = utf8("malformed OTLP JSON at byte 1: expected '{', found 'x'");
      var expected = new ByteArrayOutputStream();
      expected.write(new byte[] {0x08, 0x03, 0x12, (byte) message.length});
      expected.write(message);
      assertThat(proto.body()).isEqualTo(expected.toByteArray());

      var gzip = post(running, "/v1/logs", "application/json", "gzip", utf8("not gzip"));
      assertThat(gzip.status()).isEqualTo(400);
      assertThat(gzip.text())
          .isEqualTo("{\"code\":3,\"message\":\"malformed gzip body: Not in GZIP format\"}");
      var truncated = Arrays.copyOf(gzip(utf8(LOGS)), 20);
      var cut = post(running, "/v1/logs", "application/json", "gzip", truncated);
      assertThat(cut.status()).isEqualTo(400);
      assertThat(cut.text()).startsWith("{\"code\":3,\"message\":\"malformed gzip body: truncated");
      assertThat(running.rejected("otlp_logs", "malformed")).isEqualTo(4);
    }
  }

  @Test
  void wrongContentTypesEncodingsAndMethodsAreRefused() throws Exception {
    try (var running = Running.start()) {
      var form = post(running, "/v1/logs", "application/x-www-form-urlencoded", null, utf8("a=b"));
      assertThat(form.status()).isEqualTo(415);
      assertThat(form.text())
          .isEqualTo(
              "{\"code\":3,\"message\":\"unsupported content type"
                  + " 'application/x-www-form-urlencoded' (expected application/json or"
                  + " application/x-protobuf)\"}");
      var brotli = post(running, "/v1/metrics", "application/json", "br", utf8("{}"));
      assertThat(brotli.status()).isEqualTo(415);
      assertThat(brotli.text())
          .isEqualTo(
              "{\"code\":3,\"message\":\"unsupported content encoding 'br' (expected gzip or"
                  + " none)\"}");
      try (var client = running.client()) {
        var get = client.get("/v1/logs");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
      }
      assertThat(running.receivers.otlp).isEmpty();
    }
  }

  @Test
  void aReceiverThatThrowsIsAnInternalErrorNotACrash() throws Exception {
    try (var running = Running.start()) {
      running.receivers.otlpAnswer =
          call -> {
            var failure = new IllegalStateException("storing failed");
            failure.setStackTrace(new StackTraceElement[0]);
            throw failure;
          };
      var response = post(running, "/v1/logs", "application/json", null, utf8(LOGS));
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.text())
          .isEqualTo("{\"code\":13,\"message\":\"internal error (see the daemon log)\"}");
      // The server goes on.
      running.receivers.otlpAnswer = call -> new OtlpReply.Accepted(1, 0, "");
      assertThat(post(running, "/v1/logs", "application/json", null, utf8(LOGS)).status())
          .isEqualTo(200);
      assertThat(running.rejected("otlp_logs", "internal")).isEqualTo(1);
    }
  }

  @Test
  void requestBodiesOverTheCapAreRefusedBeforeReading() throws Exception {
    try (var running = Running.start(config -> config.withLimits(1024, 2048));
        var client = running.client()) {
      client.send(
          "POST",
          "/v1/metrics",
          Map.of("Content-Type", "application/x-protobuf", "Content-Length", "2049"),
          new byte[0]);
      var response = client.read();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("Content-Type")).isEqualTo("application/x-protobuf");
      var message = utf8("request body exceeds 2 KiB");
      var expected = new ByteArrayOutputStream();
      expected.write(new byte[] {0x08, 0x08, 0x12, (byte) message.length});
      expected.write(message);
      assertThat(response.body()).isEqualTo(expected.toByteArray());
    }
  }
}
