package dev.flightlog.report;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.Redacted;
import dev.flightlog.SessionFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small world of hand-made facts whose every number is worked out by hand in the comments, used
 * by the report tests, the golden files and the CLI tests.
 *
 * <p>Four Claude sessions around the night of 31 October to 1 November 2026 (UTC), chosen so that
 * days differ by zone: Asia/Kolkata is +05:30, and America/Los_Angeles leaves daylight saving time
 * at 2026-11-01T09:00Z (from -07:00 to -08:00).
 *
 * <ul>
 *   <li><b>s1</b>, project {@code /home/me/src/alpha}, seen 2026-10-31T22:00Z–2026-11-01T03:00Z:
 *       prompts p1 (22:00Z) and p2 (02:00Z). Tool calls: t1 Bash ok, 2,500 ms, its use and result
 *       arriving as separate facts and the result delivered twice (hook and transcript); t2 Read
 *       ok, 40 ms measured by the hook; t3 Bash error, 1,000 ms; t4 Edit denied; t5 Bash
 *       interrupted, 500 ms; t6 Bash still pending. Model requests: m1 claude-sonnet-4-5-20250929
 *       at 22:00:05Z, streamed twice (output 20 then 200; counted once): 1,000 in, 200 out, 5,000
 *       cache read, 1,000 5-minute cache write = $0.003 + $0.003 + $0.0015 + $0.00375 = $0.01125;
 *       m2 the same model at 02:05Z with Claude Code's own cost $0.05 (2,000 in, 500 out, 10,000
 *       read, 2,000 1-hour write). Session cost $0.06125; tokens 7,200 + 14,500 = 21,700.
 *   <li><b>s2</b>, project {@code /home/me/src/beta}, seen 10:00Z–12:00Z on 1 November: prompt p3;
 *       t7 Grep ok 300 ms; m3 and m4 of claude-opus-5-5 (not in the price table) at 10:01Z and
 *       11:59Z, 100 in and 50 out each, priced by the session's cost-state of $0.40, apportioned
 *       $0.20 each. Tokens 300.
 *   <li><b>s3</b>, project {@code /home/me/src/beta}, seen 18:15Z–19:00Z on 1 November: t8
 *       mcp__github__search ok 120 ms; m6 claude-haiku-4-5-20251001 at 18:20Z, 1,000,000 in and
 *       100,000 out = $1 + $0.50 = $1.50; m5 claude-mystery-1 at 18:30:00Z exactly (00:00 on 2
 *       November in Kolkata), 10 in and 10 out, with neither a price nor a cost-state: unpriced.
 *       Tokens 1,100,020; cost unknown.
 *   <li><b>s4</b>, project {@code /home/me/src/gamma}, seen 08:00Z–09:00Z on 2 November, for the
 *       errors, recovery and flow reports (see {@link #third()}): turns q1 (08:00Z–08:10Z, ended)
 *       and q2 (08:20Z, not ended); 8 tool calls (2 ok, 5 errors, 1 interrupted); a permission
 *       prompt; 3 model requests with no tokens yet.
 * </ul>
 *
 * Added for the period, cost and session reports (they change no count above): s1 has a subagent
 * thread {@code agent-7f3a} (Explore, "Find the failing test"), seen 22:01Z and 22:03Z on 31
 * October (120,000 ms); s3 has a cost-state in which Claude Code put claude-haiku-4-5-20251001 at
 * $1.60, against flightlog's $1.50 from the price table (a disagreement of -$0.10 for the models
 * report; m6 keeps the price-table cost, since the table knows the model).
 *
 * <p>Totals: 4 sessions, 5 prompts, 16 tool calls (6 ok, 6 errors, 1 denied, 2 interrupted, 1
 * pending; success rate 6/12), 9 model requests, cost unknown (claude-mystery-1 unpriced); known
 * part $0.06125 + $0.40 + $1.50 = $1.96125.
 */
public final class Fixture {
  private Fixture() {}

  public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  public static final String ALPHA = "/home/me/src/alpha";
  public static final String BETA = "/home/me/src/beta";
  public static final String GAMMA = "/home/me/src/gamma";

  /** A price file path that does not exist: the built-in prices, and stable advice text. */
  public static final Path NO_USER_PRICES = Path.of("/home/me/.local/share/flightlog/prices.json");

  public static Store open(Path file) {
    return Store.open(new Dsn.Sqlite(file), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Writes the world into a new database at {@code file} and closes it. */
  public static void write(Path file) {
    try (var store = open(file)) {
      store.write(List.of(batch(first())));
      store.write(List.of(batch(second())));
      store.write(List.of(batch(third())));
      store.write(List.of(new Batch(List.of(), List.of(), List.of(), redactions(), null)));
    }
  }

  /**
   * Secrets counted as redacted: twice an AWS key in s1 (transcript, then once more through the
   * hook), a private key in s3, and an AWS key in an OTLP export that named no session.
   */
  static List<Redacted> redactions() {
    return List.of(
        new Redacted(
            Agent.CLAUDE,
            "s1",
            "transcript",
            "aws_access_key",
            2,
            Instant.parse("2026-10-31T22:05:00Z")),
        new Redacted(
            Agent.CLAUDE,
            "s1",
            "transcript",
            "aws_access_key",
            1,
            Instant.parse("2026-11-01T02:00:00Z")),
        new Redacted(
            Agent.CLAUDE,
            "s1",
            "http_hook",
            "aws_access_key",
            1,
            Instant.parse("2026-11-01T02:00:00Z")),
        new Redacted(
            Agent.CLAUDE,
            "s3",
            "transcript",
            "private_key",
            1,
            Instant.parse("2026-11-01T18:30:00Z")),
        new Redacted(
            Agent.CLAUDE, "", "otlp", "aws_access_key", 1, Instant.parse("2026-11-02T08:30:00Z")));
  }

  /** The facts of the world, in two deliveries; the second repeats and completes the first. */
  static List<Fact> first() {
    return List.of(
        session("s1", ALPHA, "2026-10-31T22:00:00Z"),
        session("s1", ALPHA, "2026-11-01T03:00:00Z"),
        prompt("s1", "p1", "2026-10-31T22:00:00Z", ALPHA),
        prompt("s1", "p2", "2026-11-01T02:00:00Z", ALPHA),
        use("s1", "t1", "Bash", "2026-10-31T22:00:10Z", ALPHA),
        toolCall(
            "s1",
            "t2",
            "Read",
            ToolStatus.OK,
            null,
            "2026-10-31T22:05:00Z",
            null,
            40L,
            ALPHA,
            Channel.HTTP_HOOK),
        toolCall(
            "s1",
            "t3",
            "Bash",
            ToolStatus.ERROR,
            "exit 1",
            "2026-11-01T02:10:00Z",
            "2026-11-01T02:10:01Z",
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        toolCall(
            "s1",
            "t4",
            "Edit",
            ToolStatus.DENIED,
            "denied by rule",
            "2026-11-01T02:20:00Z",
            null,
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        toolCall(
            "s1",
            "t5",
            "Bash",
            ToolStatus.INTERRUPTED,
            null,
            "2026-11-01T02:30:00Z",
            "2026-11-01T02:30:00.500Z",
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        use("s1", "t6", "Bash", "2026-11-01T02:40:00Z", ALPHA),
        request(
            "s1",
            "m1",
            "claude-sonnet-4-5-20250929",
            "2026-10-31T22:00:05Z",
            new Usage(1000, 20, 5000, 1000, 0),
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        request(
            "s1",
            "m2",
            "claude-sonnet-4-5-20250929",
            "2026-11-01T02:05:00Z",
            new Usage(2000, 500, 10000, 0, 2000),
            0.05,
            ALPHA,
            Channel.OTLP),
        session("s2", BETA, "2026-11-01T10:00:00Z"),
        session("s2", BETA, "2026-11-01T12:00:00Z"),
        prompt("s2", "p3", "2026-11-01T10:00:00Z", BETA),
        toolCall(
            "s2",
            "t7",
            "Grep",
            ToolStatus.OK,
            null,
            "2026-11-01T10:02:00Z",
            "2026-11-01T10:02:00.300Z",
            null,
            BETA,
            Channel.TRANSCRIPT),
        request(
            "s2",
            "m3",
            "claude-opus-5-5",
            "2026-11-01T10:01:00Z",
            new Usage(100, 50, 0, 0, 0),
            null,
            BETA,
            Channel.TRANSCRIPT),
        request(
            "s2",
            "m4",
            "claude-opus-5-5",
            "2026-11-01T11:59:00Z",
            new Usage(100, 50, 0, 0, 0),
            null,
            BETA,
            Channel.TRANSCRIPT),
        new CostStateFact(
            Agent.CLAUDE,
            "s2",
            0.40,
            Instant.parse("2026-11-01T12:00:00Z"),
            List.of(
                new CostStateFact.ModelCost("claude-opus-5-5", new Usage(200, 100, 0, 0, 0), 0.40)),
            Channel.TRANSCRIPT),
        session("s3", BETA, "2026-11-01T18:15:00Z"),
        session("s3", BETA, "2026-11-01T19:00:00Z"),
        toolCall(
            "s3",
            "t8",
            "mcp__github__search",
            ToolStatus.OK,
            null,
            "2026-11-01T18:46:00Z",
            "2026-11-01T18:46:00.120Z",
            null,
            BETA,
            Channel.TRANSCRIPT),
        request(
            "s3",
            "m6",
            "claude-haiku-4-5-20251001",
            "2026-11-01T18:20:00Z",
            new Usage(1_000_000, 100_000, 0, 0, 0),
            null,
            BETA,
            Channel.TRANSCRIPT),
        request(
            "s3",
            "m5",
            "claude-mystery-1",
            "2026-11-01T18:30:00Z",
            new Usage(10, 10, 0, 0, 0),
            null,
            BETA,
            Channel.TRANSCRIPT),
        subagent("s1", "agent-7f3a", "2026-10-31T22:01:00Z"),
        subagent("s1", "agent-7f3a", "2026-10-31T22:03:00Z"),
        new CostStateFact(
            Agent.CLAUDE,
            "s3",
            1.60,
            Instant.parse("2026-11-01T19:00:00Z"),
            List.of(
                new CostStateFact.ModelCost(
                    "claude-haiku-4-5-20251001", new Usage(1_000_000, 100_000, 0, 0, 0), 1.60)),
            Channel.TRANSCRIPT));
  }

  static ThreadFact subagent(String session, String thread, String seen) {
    return new ThreadFact(
        Agent.CLAUDE,
        session,
        thread,
        "Explore",
        "Find the failing test",
        null,
        "claude-haiku-4-5-20251001",
        Instant.parse(seen),
        Channel.TRANSCRIPT);
  }

  static List<Fact> second() {
    return List.of(
        // t1's result, from the hook and again from the transcript
        toolCall(
            "s1",
            "t1",
            null,
            ToolStatus.OK,
            null,
            null,
            "2026-10-31T22:00:12.500Z",
            null,
            ALPHA,
            Channel.HTTP_HOOK),
        toolCall(
            "s1",
            "t1",
            null,
            ToolStatus.OK,
            null,
            null,
            "2026-10-31T22:00:12.500Z",
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        // m1's final streamed copy: the same request with its final usage
        request(
            "s1",
            "m1",
            "claude-sonnet-4-5-20250929",
            "2026-10-31T22:00:05Z",
            new Usage(1000, 200, 5000, 1000, 0),
            null,
            ALPHA,
            Channel.TRANSCRIPT),
        request(
            "s1",
            "m1",
            "claude-sonnet-4-5-20250929",
            "2026-10-31T22:00:05Z",
            new Usage(1000, 200, 5000, 1000, 0),
            null,
            ALPHA,
            Channel.TRANSCRIPT));
  }

  /**
   * Session s4, on 2 November (all times UTC, every call in the main thread):
   *
   * <pre>
   * q1  prompt 08:00:00, Stop 08:10:00
   *     r1 model request at 08:00:30                     model [08:00:00, 08:00:30] 30 s
   *     u1 Bash "foo"  error 08:01:00–08:01:02  command not found: opens a Bash episode
   *     u2 Bash "foo"  error 08:01:10–08:01:11  same: failures 2, attempts 1
   *     u3 Bash "foo"  ok    08:01:20–08:01:25  recovers it: attempts 2, 08:01:25 − 08:01:02 = 23 s
   *     r2 model request at 08:01:50                     model [08:01:25, 08:01:50] 25 s
   *     u4 Edit a.py   error 08:02:00–08:02:01  edit target not found: opens an a.py episode
   *     u5 Edit b.py   ok    08:02:20–08:03:01, measured 1 s (it ran 08:03:00–08:03:01)
   *     PermissionRequest at 08:02:30: u5 is running, so waiting [08:02:30, 08:03:00] 30 s
   *     u6 Bash        interrupted 08:05:00–08:05:01: a.py's episode ends interrupted
   *     u7 Read c.py   error 08:06:00–08:06:00.100  not found: no interruption after it, so its
   *                    episode ends unrecovered at Stop
   * q2  prompt 08:20:00, no Stop yet (idle before it: 08:20 − 08:10 = 10 min)
   *     u8 Grep        error 08:21:00–08:21:01  syntax error: its episode is open
   *     r3 model request at 08:21:30                     model [08:21:01, 08:21:30] 29 s
   * </pre>
   *
   * Flow of q1: wall 600,000 ms; tool = the union of the calls (2 + 1 + 5 + 1 + 41 + 1 + 0.1 s =
   * 51.1 s) less the 30 s of waiting inside u5 = 21,100 ms; model 30 + 25 s = 55,000 ms (no overlap
   * with tools); waiting 30,000 ms; other 600,000 − 21,100 − 55,000 − 30,000 = 493,900 ms; 7 calls
   * in 10 minutes = 0.7 per minute; longest streak 1 (no two ok calls in a row). Flow of q2: wall
   * unknown; tool 1,000 ms; model 29,000 ms; 1 call; streak 0; idle before 600,000 ms. Session s4:
   * active 600,000 ms, idle 600,000 ms.
   *
   * <p>Recovery of s4: 4 episodes, 1 recovered (2 attempts, 23,000 ms), 1 interrupted (Edit a.py),
   * 1 unrecovered (Read), 1 open (Grep).
   */
  static List<Fact> third() {
    return List.of(
        session("s4", GAMMA, "2026-11-02T08:00:00Z"),
        session("s4", GAMMA, "2026-11-02T09:00:00Z"),
        new PromptFact(
            Agent.CLAUDE,
            "s4",
            "q1",
            "fix it",
            Instant.parse("2026-11-02T08:00:00Z"),
            Instant.parse("2026-11-02T08:10:00Z"),
            GAMMA,
            Channel.TRANSCRIPT),
        prompt("s4", "q2", "2026-11-02T08:20:00Z", GAMMA),
        turnCall("u1", "q1", "Bash", "foo", ToolStatus.ERROR, NOT_FOUND, "08:01:00", "08:01:02"),
        turnCall("u2", "q1", "Bash", "foo", ToolStatus.ERROR, NOT_FOUND, "08:01:10", "08:01:11"),
        turnCall("u3", "q1", "Bash", "foo", ToolStatus.OK, null, "08:01:20", "08:01:25"),
        turnCall(
            "u4",
            "q1",
            "Edit",
            GAMMA + "/a.py",
            ToolStatus.ERROR,
            "<tool_use_error>String to replace not found in file.\nString: x = 1</tool_use_error>",
            "08:02:00",
            "08:02:01"),
        new ToolCallFact(
            Agent.CLAUDE,
            "u5",
            "s4",
            "main",
            "q1",
            "Edit",
            null,
            GAMMA + "/b.py",
            ToolStatus.OK,
            null,
            null,
            null,
            Instant.parse("2026-11-02T08:02:20Z"),
            Instant.parse("2026-11-02T08:03:01Z"),
            1_000L,
            GAMMA,
            null,
            Channel.TRANSCRIPT),
        turnCall(
            "u6", "q1", "Bash", "sleep 60", ToolStatus.INTERRUPTED, null, "08:05:00", "08:05:01"),
        turnCall(
            "u7",
            "q1",
            "Read",
            GAMMA + "/c.py",
            ToolStatus.ERROR,
            "File does not exist.",
            "08:06:00",
            "08:06:00.100"),
        turnCall(
            "u8",
            "q2",
            "Grep",
            "(",
            ToolStatus.ERROR,
            "rg: regex parse error:\n    (\n    ^\nerror: unclosed group",
            "08:21:00",
            "08:21:01"),
        new HookEventFact(
            Agent.CLAUDE,
            "s4",
            "PermissionRequest",
            "a".repeat(64),
            "{\"session_id\":\"s4\",\"prompt_id\":\"q1\",\"hook_event_name\":\"PermissionRequest\","
                + "\"tool_name\":\"Edit\"}",
            100,
            true,
            Instant.parse("2026-11-02T08:02:30Z"),
            Channel.HTTP_HOOK),
        turnRequest("r1", "q1", "08:00:30"),
        turnRequest("r2", "q1", "08:01:50"),
        turnRequest("r3", "q2", "08:21:30"));
  }

  private static final String NOT_FOUND = "Exit code 127\nbash: foo: command not found";

  /** A call of s4 in turn {@code prompt}, at times of 2 November (UTC). */
  private static ToolCallFact turnCall(
      String id,
      String prompt,
      String tool,
      String summary,
      ToolStatus status,
      @Nullable String error,
      String started,
      String ended) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        "s4",
        "main",
        prompt,
        tool,
        null,
        summary,
        status,
        error,
        null,
        null,
        Instant.parse("2026-11-02T" + started + "Z"),
        Instant.parse("2026-11-02T" + ended + "Z"),
        null,
        GAMMA,
        null,
        Channel.TRANSCRIPT);
  }

  /** A model request of s4 in turn {@code prompt} whose usage is not known yet. */
  private static ModelRequestFact turnRequest(String id, String prompt, String at) {
    return new ModelRequestFact(
        Agent.CLAUDE,
        id,
        "req-" + id,
        "s4",
        "main",
        prompt,
        "claude-sonnet-4-5-20250929",
        Usage.ZERO,
        Instant.parse("2026-11-02T" + at + "Z"),
        GAMMA,
        null,
        Channel.TRANSCRIPT);
  }

  static Batch batch(List<Fact> facts) {
    return new Batch(facts, List.of(), List.of(), null);
  }

  static SessionFact session(String id, String project, String seen) {
    return new SessionFact(
        Agent.CLAUDE,
        id,
        project,
        "main",
        "2.1.0",
        Instant.parse(seen),
        null,
        null,
        Channel.TRANSCRIPT);
  }

  static PromptFact prompt(String session, String id, String at, String project) {
    return new PromptFact(
        Agent.CLAUDE, session, id, "do it", Instant.parse(at), null, project, Channel.TRANSCRIPT);
  }

  static ToolCallFact use(String session, String id, String tool, String at, String project) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        session,
        "main",
        null,
        tool,
        "{\"command\":\"make\"}",
        "make",
        ToolStatus.PENDING,
        null,
        null,
        null,
        Instant.parse(at),
        null,
        null,
        project,
        "msg-" + id,
        Channel.TRANSCRIPT);
  }

  static ToolCallFact toolCall(
      String session,
      String id,
      @Nullable String tool,
      ToolStatus status,
      @Nullable String error,
      @Nullable String started,
      @Nullable String ended,
      @Nullable Long measured,
      String project,
      Channel channel) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        session,
        "main",
        null,
        tool,
        null,
        tool == null ? null : tool.toLowerCase(java.util.Locale.ROOT) + " x",
        status,
        error,
        "out",
        3L,
        started == null ? null : Instant.parse(started),
        ended == null ? null : Instant.parse(ended),
        measured,
        project,
        null,
        channel);
  }

  static ModelRequestFact request(
      String session,
      String message,
      String model,
      String at,
      Usage usage,
      @Nullable Double agentCost,
      String project,
      Channel channel) {
    return new ModelRequestFact(
        Agent.CLAUDE,
        message,
        "req-" + message,
        session,
        "main",
        null,
        model,
        usage,
        Instant.parse(at),
        project,
        agentCost,
        channel);
  }
}
