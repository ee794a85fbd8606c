package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.live.Broker;
import dev.flightlog.web.Facts;
import dev.flightlog.web.Health;
import dev.flightlog.web.Receivers;
import dev.flightlog.web.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code flightlog tail} against a real server whose broker the test publishes into. */
class TailCommandTest {

  private static final String S = Facts.SESSION;

  /** Receivers for a server that only streams: nothing is POSTed in these tests. */
  private static final Receivers NONE =
      new Receivers() {
        @Override
        public void hook(byte[] body, Instant receivedAt) {}

        @Override
        public OtlpReply otlp(Signal signal, Encoding encoding, byte[] body) {
          return new OtlpReply.Accepted(0, 0, "");
        }
      };

  private static Server serve(Broker broker, int port) {
    return Server.start(
        Server.Config.of("127.0.0.1", port),
        NONE,
        broker,
        () -> new Health("test", 1, Instant.EPOCH, "/home", "/db", null, null),
        () -> {
          throw new AssertionError("no reports in this test");
        },
        Clock.systemUTC());
  }

  /** A tail command running on its own thread, with what it printed. */
  private static final class Tail {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger code = new AtomicInteger(-1);
    final Thread thread;

    Tail(boolean terminal, String... args) {
      var environment = new Environment(Map.of(), Path.of("/nonexistent"), "Linux", terminal);
      var all = new java.util.ArrayList<>(List.of("tail"));
      all.addAll(List.of(args));
      thread =
          Thread.ofPlatform()
              .start(
                  () ->
                      code.set(
                          Main.run(
                              all.toArray(String[]::new),
                              environment,
                              new PrintWriter(out, true),
                              new PrintWriter(err, true))));
    }

    int await() throws InterruptedException {
      assertThat(thread.join(Duration.ofSeconds(30))).as("tail finished; stderr: %s", err).isTrue();
      return code.get();
    }
  }

  /** Waits until the server has had {@code count} stream clients, so a publish reaches them. */
  private static void awaitClients(Server server, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.counts().received().getOrDefault("events", 0L) < count) {
      assertThat(System.nanoTime()).as("tail connected").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void printsOneReadableLinePerEvent() throws Exception {
    var broker = new Broker("one", 64, Duration.ofMinutes(1));
    try (var server = serve(broker, 0)) {
      var tail = new Tail(false, "--addr", server.addr(), "--limit", "4", "--tz", "UTC");
      awaitClients(server, 1);
      broker.publish(
          List.of(
              Facts.toolCall(S, "toolu_01", "ls -la"),
              Facts.prompt(S, "p1", "say hello\nand more"),
              Facts.session(S),
              Facts.modelRequest(S, "req_1")));
      assertThat(tail.await()).isZero();
      assertThat(tail.out.toString())
          .isEqualTo(
              """
              10:15:30  tool_call  Bash  ok  812 ms  ls -la  [session 72116e04…]
              10:15:00  prompt  "say hello…"  [session 72116e04…]
              10:14:00  session  active  /home/dev/project  [session 72116e04…]
              10:15:02  model_request  claude-sonnet-4-5-20250929  3,250 tokens  $0.0123  [session 72116e04…]
              """);
      assertThat(tail.err.toString()).isEmpty();
    }
  }

  @Test
  void jsonPrintsTheDataObjectsAndFiltersGoToTheDaemon() throws Exception {
    var broker = new Broker("one", 64, Duration.ofMinutes(1));
    try (var server = serve(broker, 0)) {
      var tail =
          new Tail(
              false,
              "--addr",
              server.addr(),
              "--limit",
              "1",
              "--format",
              "json",
              "--kind",
              "prompt",
              "--session",
              S);
      awaitClients(server, 1);
      broker.publish(
          List.of(
              Facts.toolCall(S, "toolu_01", "ls"),
              Facts.prompt("another", "p0", "not this one"),
              Facts.prompt(S, "p1", "hi")));
      assertThat(tail.await()).isZero();
      assertThat(tail.out.toString())
          .isEqualTo(
              "{\"kind\":\"prompt\",\"id\":\"claude:p1\",\"agent\":\"claude\",\"session_id\":\""
                  + S
                  + "\",\"channel\":\"http_hook\",\"at\":\"2026-11-24T10:15:00Z\","
                  + "\"prompt_id\":\"p1\",\"text\":\"hi\",\"started_at\":\"2026-11-24T10:15:00Z\","
                  + "\"ended_at\":null,\"project\":\"/home/dev/project\"}\n");
    }
  }

  @Test
  void colourOnlyOnATerminal() throws Exception {
    var broker = new Broker("one", 64, Duration.ofMinutes(1));
    try (var server = serve(broker, 0)) {
      var tail = new Tail(true, "--addr", server.addr(), "--limit", "1", "--tz", "UTC");
      awaitClients(server, 1);
      broker.publish(List.of(Facts.toolCall(S, "toolu_01", "ls")));
      assertThat(tail.await()).isZero();
      assertThat(tail.out.toString())
          .startsWith("\u001b[2m10:15:30\u001b[0m  \u001b[36mtool_call\u001b[0m")
          .contains("\u001b[32mok\u001b[0m");
    }
  }

  @Test
  void withoutADaemonItSaysHowToStartOne() throws Exception {
    int port;
    try (var probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    var tail = new Tail(false, "--addr", "127.0.0.1:" + port);
    assertThat(tail.await()).isEqualTo(1);
    assertThat(tail.err.toString())
        .isEqualTo(
            "flightlog: no daemon at 127.0.0.1:" + port + " — start it with `flightlog serve`\n");
    assertThat(tail.out.toString()).isEmpty();
  }

  @Test
  void whenTheDaemonRestartsItReconnectsAndSaysSo() throws Exception {
    var first = new Broker("one", 64, Duration.ofMinutes(1));
    var server = serve(first, 0);
    int port = server.port();
    var tail = new Tail(false, "--addr", server.addr(), "--limit", "2", "--tz", "UTC");
    awaitClients(server, 1);
    first.publish(List.of(Facts.toolCall(S, "toolu_01", "before")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!tail.out.toString().contains("before")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    server.close();
    var second = new Broker("two", 64, Duration.ofMinutes(1));
    try (var again = serve(second, port)) {
      awaitClients(again, 1);
      second.publish(List.of(Facts.toolCall(S, "toolu_02", "after")));
      assertThat(tail.await()).isZero();
    }
    assertThat(tail.out.toString().lines()).hasSize(2).last().asString().contains("after");
    assertThat(tail.err.toString())
        .contains("flightlog: lost the daemon at 127.0.0.1:" + port + "; reconnecting…\n")
        .contains("flightlog: reconnected to 127.0.0.1:" + port + "\n")
        .endsWith("flightlog: the daemon restarted; following its new run\n");
  }

  @Test
  void anInterruptStopsItWithExitZero() throws Exception {
    var broker = new Broker("one", 64, Duration.ofMinutes(1));
    try (var server = serve(broker, 0)) {
      var tail = new Tail(false, "--addr", server.addr());
      awaitClients(server, 1);
      tail.thread.interrupt();
      assertThat(tail.await()).isZero();
    }
  }

  @Test
  void wrongCommandLinesExitWithTwo() throws IOException {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment = new Environment(Map.of(), Path.of("/nonexistent"), "Linux", false);
    int code =
        Main.run(
            new String[] {"tail", "--kind", "tool_calls"},
            environment,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "--kind: unknown kind 'tool_calls' (expected one of: session, thread, prompt,"
                + " tool_call, model_request, cost_state, hook_event, metric_point)\n");
    var format = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"tail", "--format", "xml"},
                environment,
                new PrintWriter(out, true),
                new PrintWriter(format, true)))
        .isEqualTo(2);
    assertThat(format.toString())
        .startsWith("--format: unknown format 'xml' (expected text or json)\n");
  }
}
