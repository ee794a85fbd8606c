package dev.flightlog.web;

import com.sun.net.httpserver.HttpServer;
import dev.flightlog.live.Broker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /hook} request-to-response latency on loopback (PRODUCT.md §8: p99 ≤ 1 ms), measured
 * by a raw-socket HTTP/1.1 client on kept-alive connections, so the client adds little: one write
 * of prebuilt request bytes, one read loop for the ~180-byte answer. Run after {@code mvn
 * test-compile} and {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.flightlog.web.HookLatencyBenchmark \
 *     [--requests 20000] [--warmup 20000] [--connections 1,8] [--baseline] [--executors]
 * </pre>
 *
 * The receiver hashes each payload (SHA-256, as the hook intake does for its key) on the request's
 * virtual thread after the answer, so the measured server does the work it will do in the daemon
 * minus decoding and the database queue. {@code --baseline} also measures a plain blocking socket
 * server (a virtual thread per connection) that answers the same bytes without parsing anything:
 * the floor this machine's loopback and scheduler allow, to tell the JDK server's cost from the
 * machine's. {@code --executors} runs a bare JDK server (a handler that only answers) on one
 * connection with three executors: a virtual thread per request (as {@link Server}), a cached
 * platform thread pool, and inline on the server's dispatcher thread (no hand-off at all; unusable
 * in the daemon, where one slow client would stall every connection), to show what the hand-off
 * from the dispatcher to a worker costs.
 */
public final class HookLatencyBenchmark {

  /** A PreToolUse payload as Claude Code sends it (≈ 600 bytes). */
  private static final String PAYLOAD =
      """
      {"session_id":"72116e04-3143-4302-a3eb-b33a0e8101ef","transcript_path":"/home/dev/.claude/\
      projects/-home-dev-project/72116e04-3143-4302-a3eb-b33a0e8101ef.jsonl","cwd":"/home/dev/\
      project","prompt_id":"a5bf33fb-0025-4ff8-85b8-a250436a8bf3","permission_mode":"default",\
      "effort":{"level":"medium"},"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":\
      {"command":"ls -la /home/dev/project && git status --short","description":"List the project\
       files and show the working tree status"},"tool_use_id":"toolu_01XyZ8kLmN3pQ4rS5tU6vW7x"}""";

  private HookLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = 20_000;
    int warmup = 20_000;
    int[] connections = {1, 8};
    boolean baseline = false;
    boolean executors = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--connections" ->
            connections =
                Arrays.stream(args[++i].split(",", -1)).mapToInt(Integer::parseInt).toArray();
        case "--baseline" -> baseline = true;
        case "--executors" -> executors = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s  java %s  %d cpus  load before: %s%n",
        Instant.now(),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        load());
    var hashed = new LongAdder();
    Receivers receivers =
        new Receivers() {
          @Override
          public void hook(byte[] body, Instant receivedAt) {
            sha256(body);
            hashed.increment();
          }

          @Override
          public OtlpReply otlp(Signal signal, Encoding encoding, byte[] body) {
            return new OtlpReply.Accepted(0, 0, "");
          }
        };
    try (var server =
        Server.start(
            Server.Config.of("127.0.0.1", 0),
            receivers,
            new Broker(),
            () -> new Health("bench", 0, Instant.EPOCH, "", "", null, null),
            () -> {
              throw new AssertionError("no reports in the benchmark");
            },
            Clock.systemUTC())) {
      var request = request(server.port());
      for (int n : connections) {
        run("JDK HttpServer /hook", server.port(), request, n, warmup, requests);
      }
    }
    System.out.printf(Locale.ROOT, "receiver calls: %d%n", hashed.sum());
    if (baseline) {
      try (var plain = new PlainServer()) {
        var request = request(plain.port());
        for (int n : connections) {
          run("plain socket baseline", plain.port(), request, n, warmup, requests);
        }
      }
    }
    if (executors) {
      for (var kind : List.of("virtual", "platform", "inline")) {
        var executor =
            switch (kind) {
              case "virtual" -> Executors.newVirtualThreadPerTaskExecutor();
              case "platform" -> Executors.newCachedThreadPool();
              default -> null;
            };
        var bare =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        bare.createContext(
            "/",
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, 2);
              try (var out = exchange.getResponseBody()) {
                out.write(new byte[] {'{', '}'});
              }
            });
        bare.setExecutor(executor == null ? Runnable::run : executor);
        bare.start();
        try {
          run(
              "bare JDK, " + kind,
              bare.getAddress().getPort(),
              request(bare.getAddress().getPort()),
              1,
              warmup,
              requests);
        } finally {
          bare.stop(0);
          if (executor != null) {
            executor.shutdownNow();
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "load after: %s%n", load());
  }

  private static byte[] request(int port) {
    var body = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    var head =
        "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUser-Agent: axios/1.15.2\r\nAccept: application/json, text/plain, */*\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    var bytes =
        Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
    System.arraycopy(body, 0, bytes, head.length(), body.length);
    return bytes;
  }

  /** Warms up, then times {@code requests} requests on each of {@code n} connections at once. */
  private static void run(String name, int port, byte[] request, int n, int warmup, int requests)
      throws Exception {
    var results = new long[n][];
    var threads = new ArrayList<Thread>();
    var ready = new CountDownLatch(n);
    var go = new CountDownLatch(1);
    var failures = new ArrayList<Throwable>();
    for (int c = 0; c < n; c++) {
      int connection = c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (var client = new Client(port)) {
                      for (int i = 0; i < warmup / n; i++) {
                        client.call(request);
                      }
                      ready.countDown();
                      go.await();
                      var times = new long[requests];
                      for (int i = 0; i < requests; i++) {
                        long start = System.nanoTime();
                        client.call(request);
                        times[i] = System.nanoTime() - start;
                      }
                      results[connection] = times;
                    } catch (Exception e) {
                      synchronized (failures) {
                        failures.add(e);
                      }
                      ready.countDown();
                    }
                  }));
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (var thread : threads) {
      thread.join();
    }
    long wall = System.nanoTime() - start;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a client failed", failures.getFirst());
    }
    var all = Arrays.stream(results).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%-22s %d conn  %6d req  p50 %7.1f µs  p90 %7.1f  p99 %7.1f  p99.9 %7.1f  max %8.1f"
            + "  %6.0f req/s  load %s%n",
        name,
        n,
        all.length,
        micros(all, 0.50),
        micros(all, 0.90),
        micros(all, 0.99),
        micros(all, 0.999),
        all[all.length - 1] / 1000.0,
        all.length / (wall / 1e9),
        load());
  }

  private static double micros(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
  }

  private static String load() {
    try {
      var fields = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void sha256(byte[] body) {
    try {
      MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One kept-alive connection: write the request, read one response with its body. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[4096];

    Client(int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    void call(byte[] request) throws IOException {
      out.write(request);
      int filled = 0;
      int headEnd = -1;
      int length = -1;
      while (true) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          throw new IOException("connection closed after " + filled + " bytes");
        }
        filled += n;
        if (headEnd < 0) {
          headEnd = indexOf(buffer, filled, "\r\n\r\n");
          if (headEnd >= 0) {
            var head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 200")) {
              throw new IOException("unexpected answer: " + head);
            }
            length = contentLength(head);
          }
        }
        if (headEnd >= 0 && filled >= headEnd + 4 + length) {
          return;
        }
      }
    }

    private static int contentLength(String head) {
      for (var line : head.split("\r\n", -1)) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          return Integer.parseInt(line.substring(15).strip());
        }
      }
      throw new IllegalStateException("no Content-Length in " + head);
    }

    private static int indexOf(byte[] bytes, int length, String text) {
      outer:
      for (int i = 0; i + text.length() <= length; i++) {
        for (int j = 0; j < text.length(); j++) {
          if (bytes[i + j] != text.charAt(j)) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * The floor: a blocking server, a virtual thread per connection, that reads up to the end of a
   * request's body (by its Content-Length) and writes a fixed answer. No HTTP library, no selector.
   */
  private static final class PlainServer implements AutoCloseable {
    private static final byte[] ANSWER =
        String.join(
                "\r\n",
                "HTTP/1.1 200 OK",
                "Date: Tue, 24 Nov 2026 12:00:00 GMT",
                "Cache-Control: no-store",
                "X-Content-Type-Options: nosniff",
                "Content-Type: application/json",
                "Content-length: 2",
                "",
                "{}")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();

    PlainServer() throws IOException {
      socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::accept);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          var connection = socket.accept();
          connection.setTcpNoDelay(true);
          synchronized (accepted) {
            accepted.add(connection);
          }
          Thread.ofVirtual().start(() -> serve(connection));
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void serve(Socket connection) {
      try (connection) {
        var in = connection.getInputStream();
        var out = connection.getOutputStream();
        var buffer = new byte[8192];
        while (true) {
          int filled = 0;
          int headEnd = -1;
          int length = 0;
          while (headEnd < 0 || filled < headEnd + 4 + length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
              return;
            }
            filled += n;
            if (headEnd < 0) {
              headEnd = Client.indexOf(buffer, filled, "\r\n\r\n");
              if (headEnd >= 0) {
                length =
                    Client.contentLength(
                        new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1));
              }
            }
          }
          out.write(ANSWER);
        }
      } catch (IOException e) {
        // The client closed its connection.
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (accepted) {
        for (var connection : accepted) {
          connection.close();
        }
      }
    }
  }
}
