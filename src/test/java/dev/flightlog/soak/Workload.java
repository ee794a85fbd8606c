package dev.flightlog.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.flightlog.spool.Spool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Simulated Claude Code agents: each runs sessions one after another, and for every tool call
 * appends the assistant's {@code tool_use} line to its transcript, fires PreToolUse, waits (the
 * tool runs), fires PostToolUse and appends the {@code tool_result} line — the order Claude Code
 * 2.1.328 follows (shared/reference/samples). Prompts fire UserPromptSubmit, turns end with Stop,
 * sessions start with a spooled SessionStart (the command hook, as {@code flightlog install} wires
 * it) and end with SessionEnd.
 *
 * <p>Hooks go over HTTP ({@code POST /hook}) or, for agents in durable mode, into the spool
 * directory with the spooler's temp-then-rename protocol ({@link Spool#write}). A hook the daemon
 * does not answer (it is down) is counted and not retried, as Claude Code does; the transcript is
 * written regardless.
 *
 * <p>Everything the agents wrote is the ground truth ({@link Truth}): the tool calls whose lines
 * reached their transcript, the model messages, the prompts, the spooled payloads; and, per HTTP
 * hook, how long the daemon took to answer.
 */
public final class Workload implements AutoCloseable {

  /**
   * How the agents behave.
   *
   * @param agents how many agents run at once, each on its own thread
   * @param callsPerPrompt tool calls in each prompt's turn
   * @param promptsPerSession prompts before a session ends and the agent starts another
   * @param toolTime how long each tool "runs" between PreToolUse and PostToolUse, and the pause
   *     after each call
   * @param durableEvery every n-th agent sends its hooks through the spool (0: none)
   * @param outputBytes bytes of each tool's output in the transcript
   */
  public record Options(
      int agents,
      int callsPerPrompt,
      int promptsPerSession,
      Duration toolTime,
      int durableEvery,
      int outputBytes) {
    public Options {
      if (agents < 1 || callsPerPrompt < 1 || promptsPerSession < 1 || outputBytes < 0) {
        throw new IllegalArgumentException("bad workload options");
      }
    }
  }

  /** What the agents wrote and sent: compare it with what the daemon stored. */
  public static final class Truth {
    /** Tool calls whose tool_use and tool_result lines are in a transcript. */
    public final Set<String> toolCalls = ConcurrentHashMap.newKeySet();

    /** Model message ids with their line in a transcript. */
    public final Set<String> messages = ConcurrentHashMap.newKeySet();

    /** Prompt ids with their line in a transcript. */
    public final Set<String> prompts = ConcurrentHashMap.newKeySet();

    /** Sessions started. */
    public final Set<String> sessions = ConcurrentHashMap.newKeySet();

    /** SHA-256 of every payload written into the spool. */
    public final Set<String> spooled = ConcurrentHashMap.newKeySet();

    /** SHA-256 of every HTTP payload the daemon answered with 200. */
    public final Set<String> answered = ConcurrentHashMap.newKeySet();

    /** Tool call id → when (nanoTime) its PreToolUse hook was sent. */
    public final Map<String, Long> preSentAt = new ConcurrentHashMap<>();

    public final AtomicLong httpSent = new AtomicLong();
    public final AtomicLong httpFailed = new AtomicLong();
    public final AtomicLong spoolFailed = new AtomicLong();
    public final AtomicLong transcriptLines = new AtomicLong();
    public final AtomicLong transcriptBytes = new AtomicLong();

    /** Answer times of HTTP hooks that were answered, in nanoseconds, one list per agent. */
    private final List<Latencies> latencies = new CopyOnWriteArrayList<>();

    Latencies latencyBuffer() {
      var buffer = new Latencies();
      latencies.add(buffer);
      return buffer;
    }

    /** Every HTTP hook latency recorded (ns) since the last reset; {@code reset} starts anew. */
    public long[] latencies(boolean reset) {
      var parts = new ArrayList<long[]>();
      for (var buffer : latencies) {
        parts.add(buffer.take(reset));
      }
      return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }
  }

  /** One agent's hook answer times. */
  static final class Latencies {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized long[] take(boolean reset) {
      var out = java.util.Arrays.copyOf(values, size);
      if (reset) {
        size = 0;
      }
      return out;
    }
  }

  private final Options options;
  private final Path projects;
  private final Spool spool;
  private final URI hookUri;
  private final Truth truth = new Truth();
  private final List<Thread> threads = new ArrayList<>();
  private final long seed;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private volatile boolean stopping;

  private Workload(Options options, Path projects, Path spoolDir, URI hookUri, long seed) {
    this.options = options;
    this.projects = projects;
    this.spool = new Spool(spoolDir);
    this.hookUri = hookUri;
    this.seed = seed;
  }

  /**
   * Starts the agents.
   *
   * @param projects Claude Code's {@code projects} folder (what the daemon follows)
   * @param spoolDir the daemon's spool ({@code $FLIGHTLOG_HOME/spool})
   * @param port the daemon's port on 127.0.0.1
   * @param seed makes the agents' ids and sizes reproducible
   */
  public static Workload start(Options options, Path projects, Path spoolDir, int port, long seed) {
    var workload =
        new Workload(
            options, projects, spoolDir, URI.create("http://127.0.0.1:" + port + "/hook"), seed);
    for (int i = 0; i < options.agents(); i++) {
      int agent = i;
      workload.threads.add(
          Thread.ofPlatform()
              .name("soak-agent-" + agent)
              .daemon()
              .start(() -> workload.runAgent(agent)));
    }
    return workload;
  }

  public Truth truth() {
    return truth;
  }

  /** Lets every agent finish the tool call in hand (both its lines written), then returns. */
  public void stop() {
    stopping = true;
    for (var thread : threads) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  // ---- one agent ----

  private void runAgent(int agent) {
    var random = new SplittableRandom(seed * 1_000_003L + agent);
    var latencies = truth.latencyBuffer();
    var durable = options.durableEvery() > 0 && agent % options.durableEvery() == 0;
    var agentRun = new AgentRun(agent, random, latencies, durable);
    int session = 0;
    while (!stopping) {
      try {
        agentRun.session(session++);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final class AgentRun {
    final int agent;
    final SplittableRandom random;
    final Latencies latencies;
    final boolean durable;
    final String cwd;
    long seq;

    AgentRun(int agent, SplittableRandom random, Latencies latencies, boolean d) {
      this.agent = agent;
      this.random = random;
      this.latencies = latencies;
      this.durable = d;
      this.cwd = "/home/dev/soak-" + (agent % 5);
    }

    void session(int n) throws IOException {
      var sessionId = uuid(agent, n, 0);
      var transcript =
          projects.resolve(cwd.replace('/', '-')).resolve(sessionId + ".jsonl").toAbsolutePath();
      Files.createDirectories(transcript.getParent());
      truth.sessions.add(sessionId);
      var base = new Base(sessionId, transcript.toString());
      // SessionStart is a command hook even when the rest goes over HTTP.
      spoolHook(base.event("SessionStart", "\"source\":\"startup\""));
      try (var out =
          Files.newOutputStream(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        var parent = "null";
        for (int p = 0; p < options.promptsPerSession() && !stopping; p++) {
          var promptId = uuid(agent, n, p + 1);
          var promptUuid = "u-" + promptId;
          line(
              out,
              entry(sessionId, parent, promptUuid, promptId, "user")
                  + ",\"message\":{\"role\":\"user\",\"content\":\"soak prompt "
                  + p
                  + "\"}}");
          truth.prompts.add(promptId);
          parent = "\"" + promptUuid + "\"";
          hook(
              base.event(
                  "UserPromptSubmit",
                  "\"prompt_id\":\"" + promptId + "\",\"prompt\":\"soak prompt " + p + "\""));
          for (int c = 0; c < options.callsPerPrompt() && !stopping; c++) {
            parent = call(out, base, promptId, parent);
          }
          var messageId = "msg_soak_" + agent + "_" + n + "_" + p;
          line(
              out,
              entry(sessionId, parent, "a-" + messageId, null, "assistant")
                  + ",\"requestId\":\"req_"
                  + messageId
                  + "\",\"message\":{\"id\":\""
                  + messageId
                  + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                  + "\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":"
                  + "\"Done.\"}],\"stop_reason\":\"end_turn\",\"usage\":"
                  + usage()
                  + "}}");
          truth.messages.add(messageId);
          parent = "\"a-" + messageId + "\"";
          hook(base.event("Stop", "\"prompt_id\":\"" + promptId + "\""));
        }
      }
      hook(base.event("SessionEnd", "\"reason\":\"other\""));
    }

    /** One tool call; returns the uuid of its last line. */
    String call(OutputStream out, Base base, String promptId, String parent) throws IOException {
      long n = seq++;
      var id = "toolu_soak" + String.format("%03d%08d", agent, n) + seedTag();
      var messageId = "msg_" + id;
      var command = "echo soak-" + agent + "-" + n;
      var input = "{\"command\":\"" + command + "\",\"description\":\"soak\"}";
      line(
          out,
          entry(base.sessionId, parent, "a-" + id, null, "assistant")
              + ",\"requestId\":\"req_"
              + id
              + "\",\"message\":{\"id\":\""
              + messageId
              + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
              + "\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"tool_use\",\"id\":\""
              + id
              + "\",\"name\":\"Bash\",\"input\":"
              + input
              + "}],\"stop_reason\":\"tool_use\",\"usage\":"
              + usage()
              + "}}");
      truth.messages.add(messageId);
      var tool =
          "\"prompt_id\":\""
              + promptId
              + "\",\"permission_mode\":\"default\",\"tool_name\":\"Bash\",\"tool_input\":"
              + input
              + ",\"tool_use_id\":\""
              + id
              + "\"";
      truth.preSentAt.putIfAbsent(id, System.nanoTime());
      hook(base.event("PreToolUse", tool));
      pause();
      var output = output(agent, n);
      hook(
          base.event(
              "PostToolUse",
              tool
                  + ",\"tool_response\":{\"stdout\":\""
                  + output
                  + "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},"
                  + "\"duration_ms\":"
                  + options.toolTime().toMillis()));
      line(
          out,
          entry(base.sessionId, "\"a-" + id + "\"", "r-" + id, promptId, "user")
              + ",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\""
              + id
              + "\",\"type\":\"tool_result\",\"content\":\""
              + output
              + "\",\"is_error\":false}]},\"toolUseResult\":{\"stdout\":\""
              + output
              + "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}}");
      truth.toolCalls.add(id);
      pause();
      return "\"r-" + id + "\"";
    }

    String output(int agent, long n) {
      var text = new StringBuilder("soak-" + agent + "-" + n);
      while (text.length() < options.outputBytes()) {
        text.append(' ').append(Long.toString(random.nextLong(1L << 40), 36));
      }
      return text.toString();
    }

    String usage() {
      return "{\"input_tokens\":"
          + (10 + random.nextInt(1000))
          + ",\"cache_creation_input_tokens\":"
          + random.nextInt(500)
          + ",\"cache_read_input_tokens\":"
          + random.nextInt(20_000)
          + ",\"output_tokens\":"
          + (1 + random.nextInt(400))
          + ",\"service_tier\":\"standard\"}";
    }

    void pause() {
      var ms = options.toolTime().toMillis();
      if (ms > 0) {
        try {
          Thread.sleep(ms / 2 + random.nextLong(ms + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }

    void line(OutputStream out, String json) throws IOException {
      var bytes = (json + "\n").getBytes(UTF_8);
      out.write(bytes);
      out.flush();
      truth.transcriptLines.incrementAndGet();
      truth.transcriptBytes.addAndGet(bytes.length);
    }

    void hook(String payload) {
      if (durable) {
        spoolHook(payload);
        return;
      }
      var bytes = payload.getBytes(UTF_8);
      var request =
          HttpRequest.newBuilder(hookUri)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
              .build();
      truth.httpSent.incrementAndGet();
      long start = System.nanoTime();
      try {
        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - start;
        if (response.statusCode() == 200) {
          truth.answered.add(sha256(bytes));
          latencies.add(took);
        } else {
          truth.httpFailed.incrementAndGet();
        }
      } catch (IOException e) {
        truth.httpFailed.incrementAndGet(); // the daemon is down: Claude Code moves on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }

    void spoolHook(String payload) {
      var bytes = payload.getBytes(UTF_8);
      if (spool.write(bytes)) {
        truth.spooled.add(sha256(bytes));
      } else {
        truth.spoolFailed.incrementAndGet(); // as the spooler: exit 0, the payload is gone
      }
    }

    String entry(
        String sessionId, String parent, String uuid, @Nullable String promptId, String type) {
      return "{\"parentUuid\":"
          + parent
          + ",\"isSidechain\":false"
          + (promptId == null ? "" : ",\"promptId\":\"" + promptId + "\"")
          + ",\"type\":\""
          + type
          + "\",\"uuid\":\""
          + uuid
          + "\",\"timestamp\":\""
          + Instant.now()
          + "\",\"userType\":\"external\",\"entrypoint\":\"cli\",\"cwd\":\""
          + cwd
          + "\",\"sessionId\":\""
          + sessionId
          + "\",\"version\":\"2.1.328\",\"gitBranch\":\"main\"";
    }

    private final class Base {
      final String sessionId;
      final String transcriptPath;

      Base(String sessionId, String transcriptPath) {
        this.sessionId = sessionId;
        this.transcriptPath = transcriptPath;
      }

      String event(String name, String more) {
        return "{\"session_id\":\""
            + sessionId
            + "\",\"transcript_path\":\""
            + transcriptPath
            + "\",\"cwd\":\""
            + cwd
            + "\",\"hook_event_name\":\""
            + name
            + "\","
            + more
            + "}";
      }
    }
  }

  private String seedTag() {
    return "s" + Long.toString(seed, 36);
  }

  /** A UUID-shaped id, distinct per seed, agent, session and n. */
  private String uuid(int agent, int session, int n) {
    return String.format(
        "%08x-%04x-4%03x-8%03x-%012x",
        (int) seed, agent & 0xffff, session & 0xfff, n & 0xfff, (long) session >>> 12);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
