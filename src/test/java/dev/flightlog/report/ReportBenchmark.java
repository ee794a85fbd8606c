package dev.flightlog.report;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Query times of the reports at the scale PRODUCT.md §8 names: 1 M tool calls, 1 M model requests
 * and 10 k sessions (100 k prompts) spread over a year, written through {@link Store#write} in
 * large batches. Each measurement is the median of 9 runs after 2 warm-up runs, on an open store
 * (so the JVM's start-up is not in it; see docs/benchmarks.md for whole commands).
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java -cp
 * target/test-classes:target/classes:<test class path> dev.flightlog.report.ReportBenchmark
 * [DATABASE [SESSIONS [fill]]]} (default {@code target/report-benchmark.db}; an existing file is
 * reused, delete it to fill a new one). SESSIONS (default 10,000) sizes a new fill: a smaller one
 * is the first SESSIONS sessions of the full fill, for measuring {@link Store#write} quickly; with
 * {@code fill} the reports are not timed.
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  private static final int SESSIONS = 10_000;
  private static final int CALLS_PER_SESSION = 100;
  private static final int REQUESTS_PER_SESSION = 100;
  private static final int PROMPTS_PER_SESSION = 10;
  private static final Instant END = Instant.parse("2026-11-24T00:00:00Z");
  private static final Instant START = END.minus(Duration.ofDays(365));
  private static final String[] TOOLS = {
    "Bash",
    "Read",
    "Edit",
    "Write",
    "Grep",
    "Glob",
    "Task",
    "TodoWrite",
    "WebFetch",
    "WebSearch",
    "MultiEdit",
    "NotebookEdit",
    "mcp__github__search",
    "mcp__github__pr",
    "mcp__linear__issue",
    "mcp__db__query",
    "LS",
    "KillShell",
    "BashOutput",
    "ExitPlanMode"
  };

  /** Error texts of a few kinds; {n} varies, so each kind is one signature per tool. */
  private static final String[] ERRORS = {
    "exit status 1",
    "Exit code 2\nmake: *** [Makefile:{n}: test] Error 1",
    "<tool_use_error>File does not exist: /home/me/src/f{n}.py</tool_use_error>",
    "<tool_use_error>String to replace not found in file.\nString: x = {n}</tool_use_error>",
    "Command timed out after {n}ms",
    "Exit code 127\nbash: tool{n}: command not found",
    "curl: (6) Could not resolve host: h{n}.example.com",
    "SyntaxError: invalid syntax (line {n})"
  };

  private static final String[] MODELS = {
    "claude-sonnet-4-5-20250929",
    "claude-opus-4-5-20251101",
    "claude-haiku-4-5-20251001",
    "claude-opus-5-5"
  };

  public static void main(String[] args) throws IOException {
    var file = Path.of(args.length > 0 ? args[0] : "target/report-benchmark.db");
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : SESSIONS;
    boolean fillOnly = args.length > 2 && args[2].equals("fill");
    boolean fill = !Files.exists(file);
    try (var store = Fixture.open(file)) {
      if (fill) {
        long started = System.nanoTime();
        var written = fill(store, sessions);
        System.out.printf(
            Locale.ROOT,
            "filled %s in %.1f s; Store.write took %.1f s for %d facts (%.0f facts/s); the"
                + " writer thread's CPU time %.1f s (%.0f facts per CPU-second)%n",
            file,
            (System.nanoTime() - started) / 1e9,
            written.nanos() / 1e9,
            written.facts(),
            written.facts() / (written.nanos() / 1e9),
            written.writerCpuNanos() / 1e9,
            written.facts() / (written.writerCpuNanos() / 1e9));
      }
      long refreshStarted = System.nanoTime();
      int refreshed = store.refreshDerived();
      System.out.printf(
          Locale.ROOT,
          "derived tables: %d dirty sessions recomputed in %.1f s%n",
          refreshed,
          (System.nanoTime() - refreshStarted) / 1e9);
      if (fillOnly) {
        return;
      }
      var reads = store.reads();
      var reports = new Reports(reads, PriceTable.builtIn());
      var zone = ZoneId.of("Europe/Berlin");
      var utc = ZoneId.of("UTC");
      var kolkata = ZoneId.of("Asia/Kolkata");
      var month = new Filter(END.minus(Duration.ofDays(30)), END, null, null, null, null);
      var project = new Filter(null, null, "project-7", null, null, null);
      System.out.println("median of 9 runs after 2 warm-up runs, ms");
      time(
          "overview, all time",
          () -> reports.compute(ReportName.OVERVIEW, query(Filter.NONE, zone, 50)));
      time(
          "overview, last 30 days",
          () -> reports.compute(ReportName.OVERVIEW, query(month, zone, 50)));
      time(
          "overview, one project",
          () -> reports.compute(ReportName.OVERVIEW, query(project, zone, 50)));
      time(
          "daily, a year in UTC",
          () -> reports.compute(ReportName.DAILY, query(Filter.NONE, utc, 50)));
      time(
          "daily, a year in Europe/Berlin",
          () -> reports.compute(ReportName.DAILY, query(Filter.NONE, zone, 50)));
      time(
          "daily, a year in Asia/Kolkata",
          () -> reports.compute(ReportName.DAILY, query(Filter.NONE, kolkata, 50)));
      time("daily, last 30 days", () -> reports.compute(ReportName.DAILY, query(month, zone, 50)));
      time(
          "tools, all time", () -> reports.compute(ReportName.TOOLS, query(Filter.NONE, zone, 50)));
      time("tools, last 30 days", () -> reports.compute(ReportName.TOOLS, query(month, zone, 50)));
      time(
          "sessions, latest 50",
          () -> reports.compute(ReportName.SESSIONS, query(Filter.NONE, zone, 50)));
      time(
          "sessions, all 10k",
          () -> reports.compute(ReportName.SESSIONS, query(Filter.NONE, zone, 0)));
      time(
          "weekly, a year in Europe/Berlin",
          () -> reports.compute(ReportName.WEEKLY, query(Filter.NONE, zone, 50)));
      time(
          "monthly, a year in Asia/Kolkata",
          () -> reports.compute(ReportName.MONTHLY, query(Filter.NONE, kolkata, 50)));
      time(
          "blocks, all time",
          () -> reports.compute(ReportName.BLOCKS, query(Filter.NONE, zone, 50)));
      time(
          "blocks, last 30 days", () -> reports.compute(ReportName.BLOCKS, query(month, zone, 50)));
      time(
          "models, all time",
          () -> reports.compute(ReportName.MODELS, query(Filter.NONE, zone, 50)));
      time(
          "models, last 30 days", () -> reports.compute(ReportName.MODELS, query(month, zone, 50)));
      time(
          "projects, all time",
          () -> reports.compute(ReportName.PROJECTS, query(Filter.NONE, zone, 50)));
      time(
          "projects, last 30 days",
          () -> reports.compute(ReportName.PROJECTS, query(month, zone, 50)));
      var session = new Filter(null, null, null, null, null, "session-4242");
      time(
          "session, one timeline (200 entries)",
          () -> reports.compute(ReportName.SESSION, query(session, zone, 50)));
      time(
          "errors, all time",
          () -> reports.compute(ReportName.ERRORS, query(Filter.NONE, zone, 50)));
      time(
          "errors, last 30 days", () -> reports.compute(ReportName.ERRORS, query(month, zone, 50)));
      time(
          "recovery, all time",
          () -> reports.compute(ReportName.RECOVERY, query(Filter.NONE, zone, 50)));
      time(
          "recovery, last 30 days",
          () -> reports.compute(ReportName.RECOVERY, query(month, zone, 50)));
      time(
          "recovery, one project",
          () -> reports.compute(ReportName.RECOVERY, query(project, zone, 50)));
      time(
          "flow, latest 50 turns",
          () -> reports.compute(ReportName.FLOW, query(Filter.NONE, zone, 50)));
      time("flow, last 30 days", () -> reports.compute(ReportName.FLOW, query(month, zone, 50)));
      System.out.println("parts of the above:");
      time("  usage rollup, total", () -> reads.usage(Filter.NONE, Grouping.TOTAL));
      time("  usage rollup, days", () -> reads.usage(Filter.NONE, Grouping.days(zone)));
      time("  tool rollup, total", () -> reads.tools(Filter.NONE, Grouping.TOTAL));
      time("  sessions and prompts in range", () -> reads.activity(Filter.NONE));
      time("  tool durations (raw rows), all time", () -> reads.durations(Filter.NONE));
      time("  tool durations (raw rows), 30 days", () -> reads.durations(month));
      time("  duration histograms, all time", () -> reads.durationHistograms(Filter.NONE));
      time("  duration histograms, 30 days", () -> reads.durationHistograms(month));
      time("  duration histograms, one project", () -> reads.durationHistograms(project));
      time("tools, one project", () -> reports.compute(ReportName.TOOLS, query(project, zone, 50)));
      time(
          "export, all tool calls as JSON lines",
          () -> Export.toolCalls(reads, Filter.NONE, ExportFormat.JSONL, Writer.nullWriter()));
    }
  }

  private static ReportQuery query(Filter filter, ZoneId zone, int limit) {
    return new ReportQuery(filter, zone, limit);
  }

  /** Keeps each result reachable, so no work is optimised away. */
  @SuppressWarnings("unused")
  private static volatile Object sink = "";

  private static void time(String what, Supplier<?> work) {
    for (int i = 0; i < 2; i++) {
      sink = work.get();
    }
    var times = new double[9];
    for (int i = 0; i < times.length; i++) {
      long started = System.nanoTime();
      sink = work.get();
      times[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(times);
    System.out.printf(
        Locale.ROOT, "%-40s %9.1f  (min %.1f, max %.1f)%n", what, times[4], times[0], times[8]);
  }

  /**
   * How many facts the fill passed to {@link Store#write}, the time spent in it, and the CPU time
   * of the store's writer thread (a steadier figure than wall time on a busy machine).
   */
  private record Written(long facts, long nanos, long writerCpuNanos) {}

  /** The CPU time so far of the store's writer thread, in ns. */
  private static long writerCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (var info : threads.dumpAllThreads(false, false)) {
      if (info.getThreadName().startsWith("flightlog-store-writer")) {
        total += threads.getThreadCpuTime(info.getThreadId());
      }
    }
    return total;
  }

  /**
   * {@code sessions} (10 k) sessions of about two hours each, at random times in the year, in 20
   * k-fact batches; times only the calls of {@link Store#write}, not the making of the facts.
   */
  private static Written fill(Store store, int sessions) {
    long cpu = writerCpuNanos();
    var random = new SplittableRandom(42);
    var facts = new ArrayList<Fact>();
    long written = 0;
    long nanos = 0;
    long span = Duration.between(START, END).toMillis() - Duration.ofHours(3).toMillis();
    for (int s = 0; s < sessions; s++) {
      var session = "session-" + s;
      var project = "/home/me/src/project-" + (s % 30);
      var begin = START.plusMillis(random.nextLong(span));
      facts.add(
          new SessionFact(
              Agent.CLAUDE,
              session,
              project,
              "main",
              "2.1.0",
              begin,
              null,
              null,
              Channel.TRANSCRIPT));
      for (int p = 0; p < PROMPTS_PER_SESSION; p++) {
        facts.add(
            new PromptFact(
                Agent.CLAUDE,
                session,
                session + "-p" + p,
                "prompt " + p,
                begin.plusSeconds(p * 720L),
                null,
                project,
                Channel.TRANSCRIPT));
      }
      for (int c = 0; c < CALLS_PER_SESSION; c++) {
        var started = begin.plusSeconds(c * 72L + random.nextInt(30));
        var roll = random.nextInt(100);
        var status =
            roll < 90
                ? ToolStatus.OK
                : roll < 96
                    ? ToolStatus.ERROR
                    : roll < 98
                        ? ToolStatus.DENIED
                        : roll < 99 ? ToolStatus.INTERRUPTED : ToolStatus.PENDING;
        var ended =
            status == ToolStatus.PENDING ? null : started.plusMillis(5 + random.nextInt(30_000));
        var tool = TOOLS[Math.min(TOOLS.length - 1, (int) Math.abs(random.nextGaussian() * 5))];
        facts.add(
            new ToolCallFact(
                Agent.CLAUDE,
                session + "-t" + c,
                session,
                "main",
                session + "-p" + (c / 10),
                tool,
                "{\"command\":\"make test\"}",
                "make test",
                status,
                status == ToolStatus.ERROR
                    ? ERRORS[random.nextInt(ERRORS.length)].replace(
                        "{n}", Integer.toString(random.nextInt(1_000)))
                    : null,
                "ok",
                120L,
                started,
                ended,
                null,
                project,
                session + "-m" + c,
                Channel.TRANSCRIPT));
      }
      boolean state = random.nextInt(4) == 0;
      for (int r = 0; r < REQUESTS_PER_SESSION; r++) {
        var model = MODELS[r % 10 == 9 && state ? 3 : random.nextInt(3)];
        facts.add(
            new ModelRequestFact(
                Agent.CLAUDE,
                session + "-m" + r,
                session + "-req-" + r,
                session,
                "main",
                session + "-p" + (r / 10),
                model,
                new Usage(
                    random.nextInt(5_000),
                    random.nextInt(2_000),
                    random.nextInt(100_000),
                    random.nextInt(5_000),
                    0),
                begin.plusSeconds(r * 72L),
                project,
                null,
                Channel.TRANSCRIPT));
      }
      facts.add(
          new SessionFact(
              Agent.CLAUDE,
              session,
              project,
              "main",
              "2.1.0",
              begin.plusSeconds(7_200),
              null,
              null,
              Channel.TRANSCRIPT));
      if (state) {
        facts.add(
            new CostStateFact(
                Agent.CLAUDE,
                session,
                1.5,
                begin.plusSeconds(7_200),
                List.of(new CostStateFact.ModelCost("claude-opus-5-5", Usage.ZERO, 1.5)),
                Channel.TRANSCRIPT));
      }
      if (facts.size() >= 20_000) {
        long started = System.nanoTime();
        store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
        nanos += System.nanoTime() - started;
        written += facts.size();
        facts.clear();
      }
    }
    long started = System.nanoTime();
    store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    nanos += System.nanoTime() - started;
    return new Written(written + facts.size(), nanos, writerCpuNanos() - cpu);
  }
}
