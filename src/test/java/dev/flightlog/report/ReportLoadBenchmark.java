package dev.flightlog.report;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Store;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every report's query time — p50, p95 and max of 40 runs after 3 warm-ups — on a database filled
 * by {@link ReportBenchmark} (1 M tool calls, 1 M model requests, 10 k sessions), while a writer
 * thread keeps ingesting as a busy live user would: every 100 ms one batch of a live session (a
 * prompt, 5 tool calls of which one fails, 5 model requests) through {@link Store#write}, so the
 * derived tables always have a dirty session for the next report to refresh.
 *
 * <p>Run after {@code ReportBenchmark DB} has filled DB: {@code java
 * --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.flightlog.report.ReportLoadBenchmark DB [--no-writer]}. The writer adds records to DB.
 */
public final class ReportLoadBenchmark {
  private ReportLoadBenchmark() {}

  private static final int WARM_UPS = 3;
  private static final int RUNS = 40;
  private static final Instant END = Instant.parse("2026-11-24T00:00:00Z");

  /** Keeps each result reachable, so no work is optimised away. */
  @SuppressWarnings("unused")
  private static volatile Object sink = "";

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !Files.exists(Path.of(args[0]))) {
      throw new IllegalArgumentException("usage: ReportLoadBenchmark DB [--no-writer]");
    }
    boolean writer = !(args.length > 1 && args[1].equals("--no-writer"));
    try (var store = Fixture.open(Path.of(args[0]))) {
      var running = new AtomicBoolean(true);
      var written = new AtomicLong();
      var thread =
          Thread.ofPlatform()
              .name("live-writer")
              .start(
                  () -> {
                    var random = new SplittableRandom(7);
                    int batch = 0;
                    while (writer && running.get()) {
                      written.addAndGet(live(store, random, batch++));
                      try {
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      long started = System.nanoTime();
      var reports = new Reports(store.reads(), PriceTable.builtIn());
      var zone = ZoneId.of("Europe/Berlin");
      var month = new Filter(END.minus(Duration.ofDays(30)), END, null, null, null, null);
      var project = new Filter(null, null, "project-7", null, null, null);
      var session = new Filter(null, null, null, null, null, "session-4242");
      System.out.printf(
          Locale.ROOT,
          "%-34s %8s %8s %8s  (ms, %d runs after %d warm-ups; live writer %s)%n",
          "report",
          "p50",
          "p95",
          "max",
          RUNS,
          WARM_UPS,
          writer ? "on" : "off");
      for (var name : ReportName.values()) {
        if (name == ReportName.SESSION) {
          time("session (one timeline)", () -> reports.compute(name, query(session, zone)));
          continue;
        }
        time(name.wireName() + ", all time", () -> reports.compute(name, query(Filter.NONE, zone)));
        time(name.wireName() + ", last 30 days", () -> reports.compute(name, query(month, zone)));
        time(name.wireName() + ", one project", () -> reports.compute(name, query(project, zone)));
      }
      running.set(false);
      thread.join();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "live writer: %d facts in %.0f s (%.0f facts/s)%n",
          written.get(),
          seconds,
          written.get() / seconds);
    }
  }

  private static ReportQuery query(Filter filter, ZoneId zone) {
    return new ReportQuery(filter, zone, 50);
  }

  private static void time(String what, Supplier<?> work) {
    for (int i = 0; i < WARM_UPS; i++) {
      sink = work.get();
    }
    var times = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      sink = work.get();
      times[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(times);
    System.out.printf(
        Locale.ROOT,
        "%-34s %8.1f %8.1f %8.1f%n",
        what,
        times[(int) Math.ceil(0.50 * RUNS) - 1],
        times[(int) Math.ceil(0.95 * RUNS) - 1],
        times[RUNS - 1]);
  }

  /** Writes one batch of live session {@code batch / 20} and returns how many facts it had. */
  private static int live(Store store, SplittableRandom random, int batch) {
    var session = "live-" + (batch / 20);
    var project = "/home/me/src/project-" + (batch / 20 % 30);
    var now = END.plusSeconds(batch * 10L);
    var prompt = session + "-p" + batch;
    var facts = new ArrayList<Fact>();
    facts.add(
        new SessionFact(
            Agent.CLAUDE, session, project, "main", "2.1.0", now, null, null, Channel.HTTP_HOOK));
    facts.add(
        new PromptFact(
            Agent.CLAUDE,
            session,
            prompt,
            "prompt",
            now,
            now.plusSeconds(9),
            project,
            Channel.HTTP_HOOK));
    for (int c = 0; c < 5; c++) {
      var status = c == 1 ? ToolStatus.ERROR : ToolStatus.OK;
      var started = now.plusMillis(c * 1_500L);
      facts.add(
          new ToolCallFact(
              Agent.CLAUDE,
              prompt + "-t" + c,
              session,
              "main",
              prompt,
              c < 3 ? "Bash" : "Read",
              "{\"command\":\"make test\"}",
              "make test",
              status,
              status == ToolStatus.ERROR ? "Exit code 2\nmake: *** [test] Error 2" : null,
              "ok",
              100L,
              started,
              started.plusMillis(200 + random.nextInt(1_000)),
              null,
              project,
              prompt + "-m" + c,
              Channel.HTTP_HOOK));
      facts.add(
          new ModelRequestFact(
              Agent.CLAUDE,
              prompt + "-m" + c,
              prompt + "-req-" + c,
              session,
              "main",
              prompt,
              "claude-sonnet-4-5-20250929",
              new Usage(random.nextInt(5_000), random.nextInt(2_000), 50_000, 1_000, 0),
              started.minusMillis(300),
              project,
              null,
              Channel.TRANSCRIPT));
    }
    store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    return facts.size();
  }
}
