package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  private static final String S = Facts.SESSION;

  /** Opens a stream and reads its preamble, after which the subscription is registered. */
  private static Sse connect(Running running, String target, Map<String, String> headers)
      throws Exception {
    var sse = Sse.open(running, target, headers);
    assertThat(sse.head.status()).isEqualTo(200);
    assertThat(sse.block()).containsExactly("retry: 2000", ": flightlog " + Running.BOOT);
    return sse;
  }

  @Test
  void storedChangesArriveInOrderWithIdsAndTheirFields() throws Exception {
    try (var running = Running.start();
        var sse = connect(running, "/api/events", Map.of())) {
      assertThat(sse.head.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(sse.head.header("Cache-Control")).isEqualTo("no-store");
      running.broker.publish(
          List.of(
              Facts.toolCall(S, "toolu_01", "ls -la"),
              Facts.prompt(S, "p2", "hello"),
              Facts.modelRequest(S, "req_1")));
      var tool = sse.event();
      assertThat(tool.id()).isEqualTo("b00t-1");
      assertThat(tool.name()).isNull();
      assertThat(tool.data())
          .isEqualTo(
              "{\"kind\":\"tool_call\",\"id\":\"claude:toolu_01\",\"agent\":\"claude\","
                  + "\"session_id\":\""
                  + S
                  + "\",\"channel\":\"http_hook\",\"at\":\"2026-11-24T10:15:30.123Z\","
                  + "\"tool_use_id\":\"toolu_01\",\"tool\":\"Bash\",\"status\":\"ok\","
                  + "\"error\":null,\"summary\":\"ls -la\",\"thread_id\":\"main\","
                  + "\"prompt_id\":\"p1\",\"started_at\":\"2026-11-24T10:15:29.311Z\","
                  + "\"ended_at\":\"2026-11-24T10:15:30.123Z\",\"duration_ms\":812,"
                  + "\"output_bytes\":5,\"project\":\"/home/dev/project\"}");
      assertThat(sse.event().id()).isEqualTo("b00t-2");
      var model = sse.event();
      assertThat(model.id()).isEqualTo("b00t-3");
      assertThat(model.data()).contains("\"kind\":\"model_request\"", "\"cost_usd\":0.0123");
      assertThat(running.server.counts().received()).containsEntry("events", 1L);
    }
  }

  @Test
  void aClientReconnectingWithItsLastEventIdGetsWhatItMissed() throws Exception {
    try (var running = Running.start()) {
      running.broker.publish(
          List.of(
              Facts.prompt(S, "p1", "one"),
              Facts.prompt(S, "p2", "two"),
              Facts.prompt(S, "p3", "three")));
      try (var sse = connect(running, "/api/events", Map.of("Last-Event-ID", "b00t-1"))) {
        assertThat(sse.event().id()).isEqualTo("b00t-2");
        assertThat(sse.event().id()).isEqualTo("b00t-3");
        running.broker.publish(List.of(Facts.prompt(S, "p4", "four")));
        assertThat(sse.event().id()).isEqualTo("b00t-4");
      }
    }
  }

  @Test
  void anIdFromAnotherRunOrTooOldGetsAResetThenLiveEvents() throws Exception {
    try (var running = Running.start()) {
      try (var sse = connect(running, "/api/events", Map.of("Last-Event-ID", "0ld-7"))) {
        var reset = sse.event();
        assertThat(reset.name()).isEqualTo("reset");
        assertThat(reset.id()).isNull();
        assertThat(reset.data())
            .isEqualTo(
                "{\"reason\":\"event id '0ld-7' is from another daemon run\","
                    + "\"boot_id\":\"b00t\"}");
        running.broker.publish(List.of(Facts.prompt(S, "p1", "one")));
        var live = sse.event();
        assertThat(live.name()).isNull();
        assertThat(live.id()).isEqualTo("b00t-1");
      }
      // The test broker keeps 16 changes: after 40 more, id 1 is too old to replay.
      for (int i = 2; i <= 41; i++) {
        running.broker.publish(List.of(Facts.prompt(S, "p" + i, "n")));
      }
      try (var sse = connect(running, "/api/events", Map.of("Last-Event-ID", "b00t-1"))) {
        var reset = sse.event();
        assertThat(reset.name()).isEqualTo("reset");
        assertThat(reset.data()).contains("is older than the 16 events kept");
      }
    }
  }

  @Test
  void queryFiltersChooseKindsSessionAndAgent() throws Exception {
    try (var running = Running.start();
        var sse =
            connect(
                running,
                "/api/events?kind=tool_call,prompt&session=" + S + "&agent=claude",
                Map.of())) {
      running.broker.publish(
          List.of(
              Facts.session(S),
              Facts.toolCall("other-session", "toolu_x", "pwd"),
              Facts.prompt(S, "p1", "mine"),
              Facts.modelRequest(S, "req_1"),
              Facts.toolCall(S, "toolu_01", "ls")));
      assertThat(sse.event().id()).isEqualTo("b00t-3");
      assertThat(sse.event().id()).isEqualTo("b00t-5");
    }
  }

  @Test
  void badFiltersAreRefusedWithTheAllowedValues() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      var kind = client.get("/api/events?kind=tool_calls");
      assertThat(kind.status()).isEqualTo(400);
      assertThat(kind.text())
          .isEqualTo(
              "{\"error\":\"unknown kind 'tool_calls' (expected one of: session, thread, prompt,"
                  + " tool_call, model_request, cost_state, hook_event, metric_point)\"}");
      var agent = client.get("/api/events?agent=cursor");
      assertThat(agent.status()).isEqualTo(400);
      assertThat(agent.text())
          .isEqualTo(
              "{\"error\":\"unknown agent 'cursor' (expected one of: claude, codex, gemini)\"}");
      var parameter = client.get("/api/events?kinds=prompt");
      assertThat(parameter.status()).isEqualTo(400);
      assertThat(parameter.text())
          .isEqualTo(
              "{\"error\":\"unknown query parameter 'kinds' (expected kind, session or agent)\"}");
      assertThat(running.rejected("events", "malformed")).isEqualTo(3);
    }
  }

  @Test
  void aQuietStreamSendsHeartbeats() throws Exception {
    try (var running = Running.start(config -> config.withHeartbeat(Duration.ofMillis(100)));
        var sse = connect(running, "/api/events", Map.of())) {
      long start = System.nanoTime();
      assertThat(sse.block()).containsExactly(": heartbeat");
      assertThat(sse.block()).containsExactly(": heartbeat");
      assertThat(System.nanoTime() - start)
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    }
  }

  @Test
  void aClientThatStopsReadingNeverBlocksThePublisherAndIsToldWhatItLost() throws Exception {
    int published = 5000;
    try (var running = Running.start(config -> config.withStreamQueue(8));
        var sse = connect(new RawHttp(running.port(), 4096), "/api/events", Map.of())) {
      // The client reads nothing while 5000 changes with 2 KB summaries (10 MB) are published.
      var summary = "x".repeat(2048);
      long start = System.nanoTime();
      for (int i = 1; i <= published; i++) {
        running.broker.publish(List.of(Facts.toolCall(S, "toolu_" + i, summary)));
      }
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
      // Now it reads: every change either arrived or was counted as dropped, in order.
      long received = 0;
      long dropped = 0;
      long lastSeq = 0;
      while (lastSeq < published) {
        var event = sse.event();
        if ("dropped".equals(event.name())) {
          dropped += Long.parseLong(event.data().replaceAll("\\D", ""));
          continue;
        }
        var id = java.util.Objects.requireNonNull(event.id());
        long seq = Long.parseLong(id.substring(id.indexOf('-') + 1));
        assertThat(seq).isGreaterThan(lastSeq);
        lastSeq = seq;
        received++;
      }
      assertThat(dropped).isPositive();
      assertThat(received + dropped).isEqualTo(published);
    }
  }

  private static Sse connect(RawHttp http, String target, Map<String, String> headers)
      throws Exception {
    var sse = Sse.open(http, target, headers);
    assertThat(sse.head.status()).isEqualTo(200);
    assertThat(sse.block()).containsExactly("retry: 2000", ": flightlog " + Running.BOOT);
    return sse;
  }

  @Test
  void closingTheServerEndsEveryStream() throws Exception {
    var running = Running.start();
    var streams = new ArrayList<Sse>();
    for (int i = 0; i < 3; i++) {
      streams.add(connect(running, "/api/events", Map.of()));
    }
    long start = System.nanoTime();
    running.close();
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
    for (var sse : streams) {
      assertThat(sse.block()).isNull();
      sse.close();
    }
  }

  @Test
  void healthReportsTheDaemonTheAddressAndTheCounters() throws Exception {
    try (var running = Running.start();
        var client = running.client();
        var sse = connect(running, "/api/events", Map.of())) {
      assertThat(sse.head.status()).isEqualTo(200);
      client.post("/hook", "application/json", "{}");
      client.post("/hook", "text/plain", "{}");
      running.receivers.nextHook();
      var health = client.get("/api/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.header("Content-Type")).isEqualTo("application/json");
      assertThat(health.text())
          .isEqualTo(
              "{\"version\":\"0.1.0-test\",\"pid\":4242,\"started_at\":\"2026-11-24T10:00:00Z\","
                  + "\"addr\":\"127.0.0.1:"
                  + running.port()
                  + "\",\"data_home\":\"/home/me/.local/share/flightlog\","
                  + "\"db\":\"/home/me/.local/share/flightlog/flightlog.db\",\"spool_backlog\":3,\"spool_links_removed\":0,"
                  + "\"last_event_at\":null,\"stream_clients\":1,\"transcript_retention\":null,"
                  + "\"received\":{\"hook\":1,\"otlp_logs\":0,\"otlp_metrics\":0,\"events\":1,"
                  + "\"health\":1,\"report\":0,\"tool_call\":0,\"page\":0,\"asset\":0,\"login\":0,\"other\":0},"
                  + "\"rejected\":{\"hook\":{\"unsupported_media_type\":1},\"otlp_logs\":{},"
                  + "\"otlp_metrics\":{},\"events\":{},\"health\":{},\"report\":{},"
                  + "\"tool_call\":{},\"page\":{},\"asset\":{},\"login\":{},\"other\":{}},"
                  + "\"capture\":null}");
    }
  }
}
