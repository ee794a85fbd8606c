package dev.flightlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SqlRows;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The derived tables are always what a recomputation of every session from its raw rows gives,
 * whatever the order of the writes and whenever refreshes happen between them: facts of a few
 * calls, turns, model requests and permission prompts observed again and again (outcomes replaced
 * by better channels, times, prompts, summaries and ends filled in late), written in one to five
 * transactions with a refresh after some of them. The check empties the derived tables, marks every
 * session dirty and refreshes: the rows must not change.
 */
class DerivedConsistencyProperty {

  private static final Instant START = Instant.parse("2026-10-30T10:00:00Z");

  /** The derived rows with signatures as text, so they compare whatever the ids. */
  private static final List<String> DUMPS =
      List.of(
          """
          SELECT e.agent, e.tool_use_id, e.session_id, e.project, s.tool, s.category,
                 s.signature, e.status, e.example, e.at
            FROM tool_errors e JOIN error_signatures s ON s.id = e.signature_id
           ORDER BY e.agent, e.tool_use_id
          """,
          """
          SELECT e.agent, e.session_id, e.seq, e.project, e.thread_id, e.prompt_id, s.tool,
                 s.category, s.signature, e.file, e.outcome, e.failures, e.attempts,
                 e.at, e.recovery_ms
            FROM episodes e JOIN error_signatures s ON s.id = e.signature_id
           ORDER BY e.agent, e.session_id, e.seq
          """,
          "SELECT * FROM turns ORDER BY agent, session_id, seq",
          """
          SELECT e.agent, e.session_id, s.tool, s.category, s.signature, e.project, e.mixed,
                 e.first_at, e.last_at
            FROM error_sessions e JOIN error_signatures s ON s.id = e.signature_id
           ORDER BY e.agent, e.session_id, s.tool, s.category, s.signature
          """,
          """
          SELECT * FROM session_coverage WHERE tool_calls > 0 OR hook_events > 0
           ORDER BY agent, session_id
          """);

  private static Arbitrary<@Nullable Instant> time() {
    return Arbitraries.longs().between(0, 3_600).map(START::plusSeconds).injectNull(0.1);
  }

  private static Arbitrary<String> session() {
    return Arbitraries.of("s0", "s1", "s2", "s3");
  }

  private static Arbitrary<@Nullable String> prompt() {
    return Arbitraries.of("p0", "p1", "p2").injectNull(0.2);
  }

  /** What identifies a call and where it belongs. */
  private record Key(
      int id,
      String session,
      @Nullable String prompt,
      @Nullable String thread,
      @Nullable String tool,
      @Nullable String summary) {}

  private static Arbitrary<Fact> toolCall() {
    return Combinators.combine(
            Combinators.combine(
                    Arbitraries.integers().between(0, 7),
                    session(),
                    prompt(),
                    Arbitraries.of("main", "agent-1").injectNull(0.1),
                    Arbitraries.of("Bash", "Edit", "Read").injectNull(0.1),
                    Arbitraries.of("/a", "/b").injectNull(0.3))
                .as(Key::new),
            Arbitraries.of(ToolStatus.values()),
            Arbitraries.of(
                    "Exit code 1\nboom",
                    "File does not exist.",
                    "String to replace not found in file.",
                    "The user doesn't want to proceed with this tool use.")
                .injectNull(0.3),
            Arbitraries.of(Channel.values()),
            time(),
            Arbitraries.longs().between(0, 60_000).injectNull(0.3))
        .as(
            (key, status, error, channel, start, duration) ->
                new ToolCallFact(
                    Agent.CLAUDE,
                    "t" + key.id(),
                    key.session(),
                    key.thread(),
                    key.prompt(),
                    key.tool(),
                    null,
                    key.summary(),
                    status,
                    status == ToolStatus.OK || status == ToolStatus.PENDING ? null : error,
                    null,
                    null,
                    start,
                    start == null || duration == null ? null : start.plusMillis(duration),
                    channel == Channel.OTLP || channel == Channel.HOOK ? duration : null,
                    "/p/" + key.session(),
                    null,
                    channel));
  }

  /** A prompt's start (UserPromptSubmit, the transcript) or its end alone (Stop). */
  private static Arbitrary<Fact> promptFact() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2), session(), time(), Arbitraries.of(true, false))
        .as(
            (id, session, at, end) ->
                new PromptFact(
                    Agent.CLAUDE,
                    session,
                    "p" + id,
                    null,
                    end ? null : at,
                    end ? at : null,
                    "/p/" + session,
                    end ? Channel.HOOK : Channel.TRANSCRIPT));
  }

  private static Arbitrary<Fact> request() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), session(), prompt(), time())
        .as(
            (id, session, prompt, at) ->
                new ModelRequestFact(
                    Agent.CLAUDE,
                    "m" + id,
                    "r" + id,
                    session,
                    "main",
                    prompt,
                    "claude-opus-5-5",
                    Usage.ZERO,
                    at,
                    "/p/" + session,
                    null,
                    Channel.TRANSCRIPT));
  }

  private static Arbitrary<Fact> permissionPrompt() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            session(),
            prompt(),
            Arbitraries.longs().between(0, 3_600))
        .as(
            (id, session, prompt, at) -> {
              var payload =
                  "{\"session_id\":\""
                      + session
                      + "\""
                      + (prompt == null ? "" : ",\"prompt_id\":\"" + prompt + "\"")
                      + ",\"hook_event_name\":\"PermissionRequest\",\"n\":"
                      + id
                      + "}";
              return new HookEventFact(
                  Agent.CLAUDE,
                  session,
                  "PermissionRequest",
                  sha256(payload),
                  payload,
                  payload.length(),
                  true,
                  START.plusSeconds(at),
                  Channel.HTTP_HOOK);
            });
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deliveries, each with whether a refresh follows it. */
  @Provide
  Arbitrary<List<Tuple.Tuple2<List<Fact>, Boolean>>> deliveries() {
    var fact =
        Arbitraries.frequencyOf(
            Tuple.of(5, toolCall()),
            Tuple.of(2, promptFact()),
            Tuple.of(2, request()),
            Tuple.of(1, permissionPrompt()));
    return Combinators.combine(fact.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  @Property(tries = 300)
  void derivedTablesEqualTheirRecomputationFromRawRows(
      @ForAll("deliveries") List<Tuple.Tuple2<List<Fact>, Boolean>> deliveries)
      throws SQLException {
    var dir = directory();
    try {
      var file = dir.resolve("p.db");
      try (var store = Store.open(new Dsn.Sqlite(file), Clock.fixed(START, ZoneOffset.UTC))) {
        for (var delivery : deliveries) {
          store.write(List.of(new Batch(delivery.get1(), List.of(), List.of(), null)));
          if (delivery.get2()) {
            store.refreshDerived();
          }
        }
        store.refreshDerived();
        var incremental = dump(file);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            var statement = connection.createStatement()) {
          statement.execute("DELETE FROM tool_errors");
          statement.execute("DELETE FROM episodes");
          statement.execute("DELETE FROM turns");
          statement.execute("DELETE FROM error_sessions");
          statement.execute("DELETE FROM session_coverage");
          statement.execute(
              """
              INSERT OR IGNORE INTO derive_dirty
                SELECT agent, session_id FROM tool_calls
                UNION SELECT agent, session_id FROM prompts
                UNION SELECT agent, session_id FROM model_requests
                UNION SELECT agent, session_id FROM hook_events
              """);
        }
        store.refreshDerived();
        assertThat(dump(file)).isEqualTo(incremental);
      }
    } finally {
      delete(dir);
    }
  }

  private static List<List<String>> dump(Path file) throws SQLException {
    var dumps = new ArrayList<List<String>>();
    for (var sql : DUMPS) {
      dumps.add(SqlRows.of(file, sql));
    }
    return dumps;
  }

  private static Path directory() {
    try {
      return Files.createTempDirectory("flightlog-derived");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path directory) {
    try (var paths = Files.walk(directory)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
