package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.SharedSamples;
import dev.flightlog.SqlRows;
import dev.flightlog.live.Broker;
import dev.flightlog.otlp.ClaudeTelemetry;
import dev.flightlog.otlp.Encoding;
import dev.flightlog.otlp.Json;
import dev.flightlog.otlp.OtlpException;
import dev.flightlog.otlp.Signal;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTLP through the whole write path into a real SQLite file, together with the same runs'
 * transcripts, in both orders: every tool call and model request is one row seen by both channels,
 * with Claude Code's own duration, tokens and cost from OTLP, and the order makes no difference.
 */
class OtlpIntakeTest {

  private static final List<String> SCENARIOS =
      List.of("api_errors", "basic", "denied", "parallel", "resume", "subagent");

  /** Tables of records (bookkeeping tables and times are left out of the comparison). */
  private static final List<String> RECORDS =
      List.of(
          "sessions",
          "threads",
          "prompts",
          "tool_calls",
          "model_requests",
          "metric_points",
          "cost_states");

  @TempDir Path dir;

  static List<String> scenarios() {
    return SCENARIOS;
  }

  /** One POST: its endpoint and JSON body. */
  private record Post(Signal signal, String body) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void transcriptsAndTelemetryInEitherOrderAreOneRecordEach(String name) throws Exception {
    var scenario = SharedSamples.claudeSamples().resolve(name);
    var home = scenario.resolve("home/.claude");
    var transcripts = ClaudeTelemetry.read(home);
    var posts = new ArrayList<Post>(samplePosts(scenario));
    posts.add(
        new Post(
            Signal.LOGS,
            new String(
                ClaudeTelemetry.of("2.1.328", transcripts).logsJson(), StandardCharsets.UTF_8)));

    var transcriptsFirst = dir.resolve("transcripts-first.db");
    importTranscripts(transcriptsFirst, home);
    var results = send(transcriptsFirst, posts);
    var telemetryFirst = dir.resolve("telemetry-first.db");
    assertThat(send(telemetryFirst, posts)).isEqualTo(results);
    importTranscripts(telemetryFirst, home);
    assertThat(records(telemetryFirst))
        .as("the same records whichever channel came first")
        .isEqualTo(records(transcriptsFirst));

    // Every tool call once, seen by both channels, with Claude Code's measured duration.
    var truth = Json.object(Json.parse(Files.readAllBytes(scenario.resolve("ground_truth.json"))));
    var calls = Json.objects(truth, "tool_calls");
    var expectedCalls = new ArrayList<String>();
    for (var call : transcripts.calls()) {
      expectedCalls.add(call.id() + "|12|" + call.durationMs());
    }
    expectedCalls.sort(null);
    assertThat(expectedCalls).hasSameSizeAs(calls);
    assertThat(
            SqlRows.of(
                transcriptsFirst,
                "SELECT tool_use_id, sources, measured_ms FROM tool_calls ORDER BY tool_use_id"))
        .containsExactlyElementsOf(expectedCalls);

    // Every model response once, by both channels, with OTLP's tokens and Claude Code's cost.
    var responses =
        Json.objects(truth, "model_responses").stream()
            .filter(r -> r.containsKey("message_id"))
            .toList();
    var expectedRequests = new TreeMap<String, String>();
    for (var request : transcripts.requests()) {
      var u = request.usage();
      expectedRequests.put(
          request.requestId(),
          String.join(
              "|",
              request.requestId(),
              "12",
              u.get(0) + "|" + u.get(1) + "|" + u.get(2) + "|" + u.get(3) + "|" + u.get(4),
              Double.toString(request.costMicros() / 1e6)));
    }
    assertThat(expectedRequests).hasSameSizeAs(responses);
    assertThat(
            SqlRows.of(
                transcriptsFirst,
                """
                SELECT request_id, sources, input_tokens, output_tokens, cache_read_tokens,
                       cache_write_5m_tokens, cache_write_1h_tokens, agent_cost_usd
                  FROM model_requests WHERE message_id <> '' ORDER BY request_id
                """))
        .containsExactlyElementsOf(expectedRequests.values());
    assertThat(SqlRows.of(transcriptsFirst, "SELECT COUNT(*) FROM model_requests"))
        .containsExactly(Integer.toString(responses.size()));
    long totalOutput = 0;
    for (var response : responses) {
      totalOutput +=
          (Long)
              Objects.requireNonNull(
                  Json.object(Objects.requireNonNull(response.get("usage"))).get("output_tokens"));
    }
    assertThat(SqlRows.of(transcriptsFirst, "SELECT SUM(output_tokens) FROM usage_rollup"))
        .containsExactly(Long.toString(totalOutput));

    // The abridged sample records without ids were counted as skips, not stored.
    assertThat(
            SqlRows.of(
                transcriptsFirst,
                "SELECT reason, count > 0 FROM ingest_skips WHERE channel = 'otlp'"))
        .containsExactly("not_an_entry|1");
    assertThat(SqlRows.of(transcriptsFirst, "SELECT COUNT(*) > 0 FROM metric_points"))
        .containsExactly("1");
  }

  /** The POSTs the run really made, as the samples keep them (abridged). */
  private static List<Post> samplePosts(Path scenario) throws IOException {
    var posts = new ArrayList<Post>();
    for (var signal : Signal.values()) {
      var file =
          scenario.resolve("otel").resolve(signal == Signal.LOGS ? "logs.jsonl" : "metrics.jsonl");
      for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        var post = Json.object(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
        posts.add(new Post(signal, Json.write(Objects.requireNonNull(post.get("body")))));
      }
    }
    return posts;
  }

  private static void importTranscripts(Path db, Path claudeHome) {
    var clock = Clock.systemUTC();
    try (var store = Store.open(new Dsn.Sqlite(db), clock);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var summary =
          new TranscriptImport(ingest, store.positions(), 32 << 20, 1, clock)
              .run(List.of(claudeHome));
      assertThat(summary.skipped()).isEmpty();
    }
  }

  private static List<OtlpIntake.Result> send(Path db, List<Post> posts) {
    var results = new ArrayList<OtlpIntake.Result>();
    try (var store = Store.open(new Dsn.Sqlite(db), Clock.systemUTC());
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var intake = new OtlpIntake(ingest);
      for (var post : posts) {
        results.add(
            intake.accept(
                post.signal(), post.body().getBytes(StandardCharsets.UTF_8), Encoding.JSON));
      }
      ingest.flush();
    }
    return results;
  }

  /** Every row of the record tables, in a stable order. */
  private static Map<String, List<String>> records(Path db) throws SQLException {
    var tables = new TreeMap<String, List<String>>();
    for (var table : RECORDS) {
      var rows = new ArrayList<>(SqlRows.of(db, "SELECT * FROM " + table));
      rows.sort(null);
      tables.put(table, rows);
    }
    return tables;
  }

  @Test
  void aMalformedBodyStoresNothingAndSaysWhy() throws SQLException {
    var db = dir.resolve("malformed.db");
    try (var store = Store.open(new Dsn.Sqlite(db), Clock.systemUTC());
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var intake = new OtlpIntake(ingest);
      assertThatThrownBy(
              () ->
                  intake.accept(
                      Signal.LOGS,
                      "{\"resourceLogs\":".getBytes(StandardCharsets.UTF_8),
                      Encoding.JSON))
          .isInstanceOf(OtlpException.class)
          .hasMessageStartingWith("malformed OTLP JSON at byte 16: ");
      assertThat(
              intake.accept(Signal.METRICS, "{}".getBytes(StandardCharsets.UTF_8), Encoding.JSON))
          .isEqualTo(new OtlpIntake.Result(0, 0));
      ingest.flush();
    }
    assertThat(SqlRows.of(db, "SELECT COUNT(*) FROM sessions")).containsExactly("0");
    assertThat(SqlRows.of(db, "SELECT COUNT(*) FROM ingest_skips")).containsExactly("0");
  }
}
