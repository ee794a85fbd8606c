package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HookEndpointTest {

  private static final String PAYLOAD =
      """
      {"session_id":"72116e04-3143-4302-a3eb-b33a0e8101ef","hook_event_name":"PreToolUse",\
      "tool_name":"Bash","tool_input":{"command":"ls -la"},"tool_use_id":"toolu_01"}""";

  @Test
  void answersEmptyJsonBeforeTheReceiverFinishes() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      var gate = new CountDownLatch(1);
      running.receivers.hookGate = gate;
      var response = client.post("/hook", "application/json", PAYLOAD);
      // The receiver is still held at the gate, yet the answer is complete.
      assertThat(running.receivers.hookEntered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(running.receivers.hooks).isEmpty();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("{}");
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(response.header("Content-Length")).isEqualTo("2");
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      // The same kept-alive connection answers the next request while the first is held.
      running.receivers.hookEntered = new CountDownLatch(1);
      assertThat(client.post("/hook", "application/json", "{}").status()).isEqualTo(200);
      gate.countDown();
      var first = running.receivers.nextHook();
      var second = running.receivers.nextHook();
      var bodies = new HashSet<String>();
      bodies.add(new String(first.body(), StandardCharsets.UTF_8));
      bodies.add(new String(second.body(), StandardCharsets.UTF_8));
      assertThat(bodies).containsExactlyInAnyOrder(PAYLOAD, "{}");
      assertThat(first.receivedAt()).isEqualTo(Running.NOW);
      assertThat(running.server.counts().received()).containsEntry("hook", 2L);
    }
  }

  @Test
  void acceptsJsonWithACharsetAndPassesAnyBodyOn() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      var response = client.post("/hook", "Application/JSON; charset=utf-8", "not json {");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("{}");
      // Decoding is the receiver's job (it counts garbage as a skip); the answer is the same.
      assertThat(new String(running.receivers.nextHook().body(), StandardCharsets.UTF_8))
          .isEqualTo("not json {");
    }
  }

  @Test
  void refusesOtherContentTypesMethodsAndPathsWithAnExactMessage() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      var text = client.post("/hook", "text/plain", PAYLOAD);
      assertThat(text.status()).isEqualTo(415);
      assertThat(text.text())
          .isEqualTo(
              "{\"error\":\"unsupported content type 'text/plain' (expected application/json)\"}");
      assertThat(text.header("Content-Type")).isEqualTo("application/json");

      var none =
          client.exchange("POST", "/hook", Map.of(), PAYLOAD.getBytes(StandardCharsets.UTF_8));
      assertThat(none.status()).isEqualTo(415);
      assertThat(none.text())
          .isEqualTo("{\"error\":\"unsupported content type (none) (expected application/json)\"}");

      var get = client.get("/hook");
      assertThat(get.status()).isEqualTo(405);
      assertThat(get.header("Allow")).isEqualTo("POST");
      assertThat(get.text())
          .isEqualTo("{\"error\":\"method GET not allowed on /hook (use POST)\"}");

      var put =
          client.exchange(
              "PUT", "/hook", Map.of("Content-Type", "application/json"), new byte[] {'{', '}'});
      assertThat(put.status()).isEqualTo(405);

      var missing = client.get("/nothing/here?x=1");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.text()).isEqualTo("{\"error\":\"not found: /nothing/here\"}");
      assertThat(missing.header("Cache-Control")).isEqualTo("no-store");

      var slash = client.post("/hook/", "application/json", "{}");
      assertThat(slash.status()).isEqualTo(404);

      assertThat(running.rejected("hook", "unsupported_media_type")).isEqualTo(2);
      assertThat(running.rejected("hook", "method_not_allowed")).isEqualTo(2);
      assertThat(running.rejected("other", "not_found")).isEqualTo(2);
      assertThat(running.server.counts().received()).containsEntry("hook", 0L);
      assertThat(running.receivers.hooks).isEmpty();
    }
  }

  @Test
  void refusesBodiesOverTheCapDeclaredOrChunked() throws Exception {
    try (var running = Running.start(config -> config.withLimits(1024, 2048))) {
      try (var client = running.client()) {
        // Declared too long: refused from the header alone, nothing of the body is sent.
        client.send(
            "POST",
            "/hook",
            Map.of("Content-Type", "application/json", "Content-Length", "1025"),
            new byte[0]);
        var declared = client.read();
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text()).isEqualTo("{\"error\":\"request body exceeds 1 KiB\"}");
        assertThat(declared.header("Connection")).isEqualTo("close");
      }
      try (var client = running.client()) {
        var chunked = new HashMap<String, @Nullable String>();
        chunked.put("Content-Type", "application/json");
        chunked.put("Transfer-Encoding", "chunked");
        var response = client.exchange("POST", "/hook", chunked, new byte[1025]);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).isEqualTo("{\"error\":\"request body exceeds 1 KiB\"}");
      }
      try (var client = running.client()) {
        var exact = client.post("/hook", "application/json", "x".repeat(1024));
        assertThat(exact.status()).isEqualTo(200);
      }
      assertThat(running.rejected("hook", "too_large")).isEqualTo(2);
      assertThat(running.receivers.nextHook().body()).hasSize(1024);
    }
  }

  @Test
  void aFailingReceiverIsCountedAndTheClientStillGetsItsAnswer() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      var failure = new IllegalStateException("storing failed: disk full");
      failure.setStackTrace(new StackTraceElement[0]);
      running.receivers.hookFailure = failure;
      assertThat(client.post("/hook", "application/json", PAYLOAD).status()).isEqualTo(200);
      assertThat(client.post("/hook", "application/json", PAYLOAD).status()).isEqualTo(200);
      var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (running.rejected("hook", "receiver_failed") < 2) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(running.server.counts().received()).containsEntry("hook", 2L);
    }
  }

  @Test
  void fiveHundredParallelPostsOnKeptAliveConnectionsAreAllAnswered() throws Exception {
    try (var running = Running.start()) {
      int connections = 50;
      int perConnection = 10;
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        var results = new ArrayList<Future<Integer>>();
        var start = new CountDownLatch(1);
        for (int c = 0; c < connections; c++) {
          int connection = c;
          results.add(
              pool.submit(
                  () -> {
                    int ok = 0;
                    try (var client = running.client()) {
                      start.await();
                      for (int i = 0; i < perConnection; i++) {
                        var body = "{\"n\":" + (connection * perConnection + i) + "}";
                        var response = client.post("/hook", "application/json", body);
                        if (response.status() == 200 && response.text().equals("{}")) {
                          ok++;
                        }
                      }
                    }
                    return ok;
                  }));
        }
        start.countDown();
        int answered = 0;
        for (var result : results) {
          answered += result.get(60, TimeUnit.SECONDS);
        }
        assertThat(answered).isEqualTo(connections * perConnection);
      }
      var seen = new HashSet<String>();
      for (int i = 0; i < connections * perConnection; i++) {
        seen.add(new String(running.receivers.nextHook().body(), StandardCharsets.UTF_8));
      }
      assertThat(seen).hasSize(500).contains("{\"n\":0}", "{\"n\":499}");
    }
  }

  @Test
  void fiveHundredConcurrentPostsFromTheJdkClientAreAllAnswered() throws Exception {
    try (var running = Running.start();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      var uri = URI.create("http://127.0.0.1:" + running.port() + "/hook");
      var futures = new ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
      for (int i = 0; i < 500; i++) {
        futures.add(
            http.sendAsync(
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (var future : futures) {
        var response = future.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
      }
      for (int i = 0; i < 500; i++) {
        running.receivers.nextHook();
      }
    }
  }

  @Test
  void closeLetsAHeldReceiverFinish() throws IOException, InterruptedException {
    var running = Running.start();
    var gate = new CountDownLatch(1);
    running.receivers.hookGate = gate;
    try (var client = running.client()) {
      assertThat(client.post("/hook", "application/json", PAYLOAD).status()).isEqualTo(200);
    }
    assertThat(running.receivers.hookEntered.await(10, TimeUnit.SECONDS)).isTrue();
    var opener = Thread.ofVirtual().start(() -> sleepThenOpen(gate));
    running.close();
    opener.join();
    // close() waited for the receiver, which got its payload once the gate opened.
    assertThat(running.receivers.hooks).hasSize(1);
  }

  private static void sleepThenOpen(CountDownLatch gate) {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gate.countDown();
  }
}
