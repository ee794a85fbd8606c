package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.SqlRows;
import dev.flightlog.e2e.DaemonProcess;
import dev.flightlog.soak.Soak;
import dev.flightlog.soak.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One fault test's world: a data directory ({@code FLIGHTLOG_HOME}), Claude Code's config folder
 * ({@code CLAUDE_CONFIG_DIR}) and a port, the real {@code flightlog serve} started on them as a
 * child process ({@link DaemonProcess}), and the checks every fault test ends with: the database is
 * whole ({@code PRAGMA integrity_check}) and holds exactly what the {@link Workload} wrote — every
 * tool call, model request and prompt once, every spooled payload once, the rollups equal to the
 * rows they count.
 */
final class Rig {

  /** How long a test waits for the daemon to catch up after a fault. */
  static final Duration SETTLE = Duration.ofSeconds(60);

  final Path dir;
  final Path home;
  final Path claude;
  final Path projects;
  final Path db;
  final Path log;
  final int port = DaemonProcess.freePort();

  Rig(Path dir) {
    this(dir, dir.resolve("flightlog-home"));
  }

  Rig(Path dir, Path home) {
    this.dir = dir;
    this.home = home;
    this.claude = dir.resolve("claude-config");
    this.projects = claude.resolve("projects");
    this.db = home.resolve("flightlog.db");
    this.log = dir.resolve("serve.log");
    try {
      Files.createDirectories(projects);
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> environment() {
    var env = new LinkedHashMap<String, String>();
    env.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"));
    env.put("HOME", dir.toString());
    env.put("FLIGHTLOG_HOME", home.toString());
    env.put("CLAUDE_CONFIG_DIR", claude.toString());
    return env;
  }

  DaemonProcess serve() {
    return serve(List.of());
  }

  /** Starts {@code flightlog serve} behind {@code prefix} (e.g. {@code prlimit …}). */
  DaemonProcess serve(List<String> prefix) {
    return DaemonProcess.start(prefix, List.of("-Xmx256m"), environment(), db, port, log);
  }

  Workload workload(Workload.Options options, long seed) {
    return Workload.start(options, projects, home.resolve("spool"), port, seed);
  }

  /** A heavy workload: 6 agents, a tool call every few milliseconds, one in three durable. */
  static Workload.Options heavy() {
    return new Workload.Options(6, 5, 4, Duration.ofMillis(4), 3, 600);
  }

  List<String> rows(String sql) {
    try {
      return SqlRows.of(db, sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql) {
    return Long.parseLong(rows(sql).getFirst());
  }

  Set<String> set(String sql) {
    return new HashSet<>(rows(sql));
  }

  long spoolBacklog() {
    return Soak.backlog(home.resolve("spool"));
  }

  void assertWhole() {
    assertThat(rows("PRAGMA integrity_check")).as("PRAGMA integrity_check").containsExactly("ok");
  }

  /**
   * Waits until every tool call the workload wrote is stored with its outcome, every model request
   * and prompt is stored, and the spool is drained; fails with what is missing.
   */
  void awaitCaughtUp(Workload.Truth truth) {
    awaitCaughtUp(truth, SETTLE);
  }

  /** {@link #awaitCaughtUp(Workload.Truth)}, waiting up to {@code settle}. */
  void awaitCaughtUp(Workload.Truth truth, Duration settle) {
    long deadline = System.nanoTime() + settle.toNanos();
    String missing = "no database";
    while (System.nanoTime() < deadline) {
      if (Files.exists(db)) {
        missing =
            missing(
                    "tool calls",
                    set("SELECT tool_use_id FROM tool_calls WHERE status = 'ok'"),
                    truth.toolCalls)
                + missing(
                    "model requests", set("SELECT message_id FROM model_requests"), truth.messages)
                + missing("prompts", set("SELECT prompt_id FROM prompts"), truth.prompts);
        if (missing.isEmpty() && spoolBacklog() == 0) {
          return;
        }
      }
      sleep(200);
    }
    throw new AssertionError(
        "not caught up in " + settle + ":" + missing + " spool backlog " + spoolBacklog());
  }

  private static String missing(String what, Set<String> stored, Set<String> expected) {
    var missing = new HashSet<>(expected);
    missing.removeAll(stored);
    return missing.isEmpty()
        ? ""
        : " "
            + missing.size()
            + " "
            + what
            + " missing (e.g. "
            + missing.stream().limit(5).toList()
            + ");";
  }

  /** The stored keys are exactly the expected ones, each once; fails with the difference. */
  static void assertSameOnce(String what, List<String> stored, Set<String> expected) {
    assertThat(stored).as(what + " stored twice").doesNotHaveDuplicates();
    var missing = new HashSet<>(expected);
    missing.removeAll(stored);
    var extra = new HashSet<>(stored);
    extra.removeAll(expected);
    assertThat(missing.size() + extra.size())
        .as(
            "%s: %d missing (e.g. %s), %d not written (e.g. %s)",
            what,
            missing.size(),
            missing.stream().limit(10).toList(),
            extra.size(),
            extra.stream().limit(10).toList())
        .isZero();
  }

  /**
   * Nothing lost, nothing twice: the stored tool calls, model requests, prompts and sessions are
   * exactly those written; every spooled payload is stored; the rollups count each row once.
   */
  void assertExactly(Workload.Truth truth, boolean everyAnsweredHook) {
    assertWhole();
    var calls = rows("SELECT tool_use_id FROM tool_calls");
    assertSameOnce("tool calls", calls, truth.toolCalls);
    assertThat(count("SELECT COUNT(*) FROM tool_calls WHERE status <> 'ok'"))
        .as("tool calls not ok")
        .isZero();
    var messages = rows("SELECT message_id FROM model_requests");
    assertSameOnce("model requests", messages, truth.messages);
    assertSameOnce("prompts", rows("SELECT prompt_id FROM prompts"), truth.prompts);
    assertSameOnce("sessions", rows("SELECT session_id FROM sessions"), truth.sessions);
    var hooks = set("SELECT sha256 FROM hook_events");
    var unstored = new HashSet<>(truth.spooled);
    unstored.removeAll(hooks);
    assertThat(unstored).as("spooled payloads not stored").isEmpty();
    if (everyAnsweredHook) {
      var lost = new HashSet<>(truth.answered);
      lost.removeAll(hooks);
      assertThat(lost).as("HTTP payloads answered with 200 but not stored").isEmpty();
    }
    assertThat(count("SELECT COALESCE(SUM(calls), 0) FROM tool_rollup"))
        .as("tool_rollup counts each call once")
        .isEqualTo(calls.size());
    assertThat(count("SELECT COALESCE(SUM(requests), 0) FROM usage_rollup"))
        .as("usage_rollup counts each request once")
        .isEqualTo(messages.size());
    assertThat(spoolBacklog()).as("spool backlog").isZero();
  }

  /**
   * Stops the agents, waits until the daemon has stored what they wrote, stops the daemon (it must
   * exit 0) and checks that it holds exactly that ({@link #assertExactly}).
   */
  Workload.Truth finish(DaemonProcess daemon, Workload workload, boolean everyAnsweredHook) {
    workload.stop();
    var truth = workload.truth();
    awaitCaughtUp(truth);
    assertThat(daemon.stop()).as(daemon.output()).isZero();
    assertExactly(truth, everyAnsweredHook);
    return truth;
  }

  /** The first line of the daemon's log that contains {@code text}, or "". */
  static String line(DaemonProcess daemon, String text) {
    return daemon.output().lines().filter(l -> l.contains(text)).findFirst().orElse("");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until {@code text} is in the daemon's log; fails with the log. */
  static void awaitLog(DaemonProcess daemon, String text, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (daemon.output().contains(text)) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError(
        "the daemon did not log '" + text + "' in " + within + ":\n" + daemon.output());
  }
}
