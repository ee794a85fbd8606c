package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.SharedSamples;
import dev.flightlog.TableDump;
import dev.flightlog.ThreadFact;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared sample scenario through the real importer into a real SQLite file, checked with
 * plain SQL against what the scripted model is known to have done: each tool call once, with its
 * tool, thread and outcome; each model response once, with its usage; the session's cost; and a
 * second import that changes nothing.
 */
class SampleImportTest {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The scenarios of the shared samples. Each is a parameter of its own, so that where the samples
   * are absent every one shows as skipped; {@link #everyScenarioOfTheSamplesIsChecked} keeps the
   * list complete.
   */
  private static final List<String> SCENARIOS =
      List.of("api_errors", "basic", "denied", "parallel", "resume", "subagent");

  /** The denied scenario's calls the permission system refused (the others failed as errors). */
  private static final Set<String> DENIED =
      Set.of(
          "toolu_01Y6equTxe9tDEfWH8GcKRaj", // Write, not in --allowedTools
          "toolu_01uaBmbAoFUr1XN9mHqt7SXQ", // Bash rm, a settings deny rule
          "toolu_01mszuSYq5Q4lJw2mZS3dwKW"); // Edit, --disallowedTools

  @TempDir Path dir;

  record Call(String id, String name, String session, boolean isError, boolean subagent) {}

  record Response(String messageId, List<Long> usage) {}

  record GroundTruth(List<Call> calls, List<Response> responses) {}

  /** What the transcripts themselves say: each session's last cost state, and subagent ids. */
  record Transcripts(Map<String, Double> costs, Set<String> agentIds) {}

  static List<String> scenarios() {
    return SCENARIOS;
  }

  @Test
  void everyScenarioOfTheSamplesIsChecked() throws IOException {
    try (var list = Files.list(SharedSamples.claudeSamples())) {
      assertThat(
              list.filter(s -> Files.isRegularFile(s.resolve("ground_truth.json")))
                  .map(s -> String.valueOf(s.getFileName()))
                  .sorted())
          .containsExactlyElementsOf(SCENARIOS);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theImportStoresWhatTheGroundTruthSays(String name) throws Exception {
    var scenario = SharedSamples.claudeSamples().resolve(name);
    var truth = groundTruth(scenario.resolve("ground_truth.json"));
    var transcripts = transcripts(scenario.resolve("home/.claude/projects"));
    var db = dir.resolve("flightlog.db");

    var first = importInto(db, scenario.resolve("home/.claude"));
    assertThat(first.skipped()).as("skipped").isEmpty();
    assertThat(first.drift()).as("drift").isEmpty();
    assertThat(first.lines()).isPositive();

    // Every tool call once, by id, with its session, thread, tool and outcome.
    var subagents = truth.calls().stream().anyMatch(Call::subagent);
    assertThat(transcripts.agentIds()).hasSize(subagents ? 1 : 0);
    var expectedCalls = new TreeSet<String>();
    for (var call : truth.calls()) {
      var thread = call.subagent() ? transcripts.agentIds().iterator().next() : ThreadFact.MAIN;
      var status = !call.isError() ? "ok" : DENIED.contains(call.id()) ? "denied" : "error";
      expectedCalls.add(String.join("|", call.id(), call.session(), thread, call.name(), status));
    }
    assertThat(
            rows(
                db,
                """
                SELECT tool_use_id, session_id, thread_id, tool, status FROM tool_calls
                 WHERE agent = 'claude' ORDER BY tool_use_id
                """))
        .containsExactlyElementsOf(expectedCalls);
    assertThat(rows(db, "SELECT COUNT(*) FROM tool_calls"))
        .containsExactly(String.valueOf(truth.calls().size()));

    // One row per model response with exactly its usage; streamed copies counted once.
    var expectedRequests = new TreeSet<String>();
    var sums = new long[5];
    for (var response : truth.responses()) {
      expectedRequests.add(response.messageId() + "|1|" + join(response.usage()));
      for (int i = 0; i < sums.length; i++) {
        sums[i] += response.usage().get(i);
      }
    }
    assertThat(
            rows(
                db,
                """
                SELECT message_id, COUNT(*), SUM(input_tokens), SUM(output_tokens),
                       SUM(cache_read_tokens), SUM(cache_write_5m_tokens),
                       SUM(cache_write_1h_tokens)
                  FROM model_requests GROUP BY message_id ORDER BY message_id
                """))
        .containsExactlyElementsOf(expectedRequests);
    var totals = truth.responses().size() + "|" + join(Arrays.stream(sums).boxed().toList());
    for (var table : List.of("model_requests", "usage_rollup")) {
      var requests = table.equals("usage_rollup") ? "SUM(requests)" : "COUNT(*)";
      assertThat(
              rows(
                  db,
                  """
                  SELECT COALESCE(%s, 0), COALESCE(SUM(input_tokens), 0),
                         COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cache_read_tokens), 0),
                         COALESCE(SUM(cache_write_5m_tokens), 0),
                         COALESCE(SUM(cache_write_1h_tokens), 0)
                    FROM %s
                  """
                      .formatted(requests, table)))
          .as("%s totals", table)
          .containsExactly(totals);
    }

    // The session's cost as the agent stated it, and shared out over its requests.
    assertThat(rows(db, "SELECT session_id FROM cost_states ORDER BY 1"))
        .containsExactlyElementsOf(new TreeSet<>(transcripts.costs().keySet()));
    for (var cost : transcripts.costs().entrySet()) {
      var session = cost.getKey();
      assertThat(number(db, "SELECT total_cost_usd FROM cost_states WHERE session_id = ?", session))
          .as("cost state of %s", session)
          .isCloseTo(cost.getValue(), within(1e-9));
      assertThat(
              number(
                  db,
                  "SELECT TOTAL(state_cost_usd) FROM model_requests WHERE session_id = ?",
                  session))
          .as("cost shared over the requests of %s", session)
          .isCloseTo(cost.getValue(), within(1e-9));
    }

    // A second import reads nothing and changes nothing.
    var before = TableDump.of(db);
    var second = importInto(db, scenario.resolve("home/.claude"));
    assertThat(second.lines()).isZero();
    assertThat(second.filesRead()).isZero();
    assertThat(second.filesUnchanged()).isEqualTo(first.files());
    assertThat(TableDump.of(db)).isEqualTo(before);
  }

  private static ImportSummary importInto(Path db, Path claudeHome) {
    var clock = Clock.systemUTC();
    try (var store = Store.open(new Dsn.Sqlite(db), clock);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      return new TranscriptImport(ingest, store.positions(), 32 << 20, 2, clock)
          .run(List.of(claudeHome));
    }
  }

  private static String join(List<Long> values) {
    return String.join("|", values.stream().map(String::valueOf).toList());
  }

  // --- the ground truth and the transcripts, read with the streaming parser ---

  private static GroundTruth groundTruth(Path file) throws IOException {
    var calls = new ArrayList<Call>();
    var responses = new ArrayList<Response>();
    try (var parser = JSON.createParser(file.toFile())) {
      var document = parser.nextToken();
      assertThat(document).isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "tool_calls" -> {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              var c = scalars(parser, "", new HashMap<>());
              calls.add(
                  new Call(
                      text(c, "id"),
                      text(c, "name"),
                      text(c, "session_header"),
                      (Boolean) required(c, "is_error"),
                      (Boolean) required(c, "is_subagent")));
            }
          }
          case "model_responses" -> {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              var r = scalars(parser, "", new HashMap<>());
              if (r.containsKey("message_id")) { // else an HTTP error instead of a response
                responses.add(
                    new Response(
                        text(r, "message_id"),
                        Stream.of(
                                "input_tokens",
                                "output_tokens",
                                "cache_read_input_tokens",
                                "cache_creation.ephemeral_5m_input_tokens",
                                "cache_creation.ephemeral_1h_input_tokens")
                            .map(name -> (Long) required(r, "usage." + name))
                            .toList()));
              }
            }
          }
          default -> parser.skipChildren();
        }
      }
    }
    return new GroundTruth(calls, responses);
  }

  private static Transcripts transcripts(Path projects) throws IOException {
    List<Path> files;
    try (var walk = Files.walk(projects)) {
      files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    var costs = new LinkedHashMap<String, Double>();
    var agentIds = new TreeSet<String>();
    for (var file : files) {
      for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> entry;
        try (var parser = JSON.createParser(line)) {
          var start = parser.nextToken();
          assertThat(start).as("a line of %s", file).isEqualTo(JsonToken.START_OBJECT);
          entry = scalars(parser, "", new HashMap<>());
        }
        if ("cost-state".equals(entry.get("type"))) {
          costs.put(
              text(entry, "sessionId"), ((Number) required(entry, "totalCostUSD")).doubleValue());
        }
        if (entry.get("agentId") instanceof String agentId) {
          agentIds.add(agentId);
        }
      }
    }
    return new Transcripts(costs, agentIds);
  }

  /**
   * The scalar fields of the object the parser is in, nested objects' by dotted path ({@code
   * usage.cache_creation.ephemeral_5m_input_tokens}); arrays and nulls are left out.
   */
  private static Map<String, Object> scalars(
      JsonParser parser, String prefix, Map<String, Object> into) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      var name = prefix + parser.currentName();
      switch (Objects.requireNonNull(parser.nextToken())) {
        case START_OBJECT -> scalars(parser, name + ".", into);
        case START_ARRAY -> parser.skipChildren();
        case VALUE_STRING -> into.put(name, parser.getText());
        case VALUE_NUMBER_INT -> into.put(name, parser.getLongValue());
        case VALUE_NUMBER_FLOAT -> into.put(name, parser.getDoubleValue());
        case VALUE_TRUE, VALUE_FALSE -> into.put(name, parser.getBooleanValue());
        default -> {} // null
      }
    }
    return into;
  }

  private static Object required(Map<String, Object> object, String field) {
    return Objects.requireNonNull(object.get(field), field);
  }

  private static String text(Map<String, Object> object, String field) {
    return (String) required(object, field);
  }

  // --- the database, read with plain JDBC ---

  private static List<String> rows(Path db, String sql) throws SQLException {
    return dev.flightlog.SqlRows.of(db, sql);
  }

  /** The one number a query about one session gives. */
  private static double number(Path db, String sql, String session) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, session);
      try (var result = statement.executeQuery()) {
        assertThat(result.next()).as("%s for %s", sql, session).isTrue();
        return result.getDouble(1);
      }
    }
  }
}
