package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.Channel;
import dev.flightlog.SharedSamples;
import dev.flightlog.SqlRows;
import dev.flightlog.TableDump;
import dev.flightlog.ThreadFact;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared sample scenario captured twice over: its hook deliveries (HTTP ones as {@code
 * http_hook}, command ones as {@code hook}, through {@link HookIntake}) and its transcripts
 * (through {@link TranscriptImport}), into a real SQLite file, hooks first and transcripts first.
 * Each tool call is one record whatever the order, with the outcome the transcript gives it, in the
 * right thread, with every channel that saw it in its provenance and the hooks' times; the hooks
 * alone give every call the same outcome; and both orders store exactly the same rows.
 */
class HookMergeSamplesTest {

  private static final JsonFactory JSON = new JsonFactory();
  // After the samples' own transcript times (20:26), as on a real machine: a hook is received after
  // the transcript's call began, and the store never lets a call end before it starts.
  private static final Instant T0 = Instant.parse("2026-11-23T20:30:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** The denied scenario's calls the permission system refused (the others failed as errors). */
  private static final Set<String> DENIED =
      Set.of(
          "toolu_01Y6equTxe9tDEfWH8GcKRaj", // Write, not in --allowedTools
          "toolu_01uaBmbAoFUr1XN9mHqt7SXQ", // Bash rm, a settings deny rule
          "toolu_01mszuSYq5Q4lJw2mZS3dwKW"); // Edit, --disallowedTools

  @org.junit.jupiter.api.io.TempDir Path dir;

  /**
   * One hook delivery: the payload exactly as the sample line holds it, and what the test needs to
   * know of it.
   *
   * @param toolUseIds the call of a per-call event, or each call of a PostToolBatch
   */
  record Delivery(
      Channel channel,
      String payload,
      Instant receivedAt,
      String event,
      List<String> toolUseIds,
      @Nullable Long durationMs) {}

  record Call(String id, String name, String session, boolean isError, boolean subagent) {}

  static List<String> scenarios() {
    return List.of("api_errors", "basic", "denied", "parallel", "resume", "subagent");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void hooksAndTranscriptsMergeIntoOneRecordPerCallInEitherOrder(String name) throws Exception {
    var scenario = SharedSamples.claudeSamples().resolve(name);
    var deliveries = deliveries(scenario.resolve("hooks.jsonl"));
    var calls = calls(scenario.resolve("ground_truth.json"));
    var agentIds = agentIds(scenario.resolve("home/.claude/projects"));
    assertThat(deliveries).isNotEmpty();

    var hooksFirst = capture("hooks-first.db", scenario, deliveries, true, true);
    var transcriptFirst = capture("transcript-first.db", scenario, deliveries, false, true);
    var hooksOnly = capture("hooks-only.db", scenario, deliveries, true, false);
    var hooksReversed = capture("hooks-reversed.db", scenario, deliveries.reversed(), true, false);
    var transcriptOnly = capture("transcript-only.db", scenario, List.of(), false, true);

    // Each call once, in its thread, with the outcome the agent reported: merged, and by the
    // hooks alone.
    var expected = new TreeSet<String>();
    for (var call : calls) {
      var thread = call.subagent() ? only(agentIds) : ThreadFact.MAIN;
      var status = !call.isError() ? "ok" : DENIED.contains(call.id()) ? "denied" : "error";
      expected.add(String.join("|", call.id(), call.session(), thread, call.name(), status));
    }
    var identity =
        "SELECT tool_use_id, session_id, thread_id, tool, status FROM tool_calls ORDER BY 1";
    for (var db : List.of(hooksFirst, transcriptFirst, hooksOnly, transcriptOnly)) {
      assertThat(SqlRows.of(db, identity))
          .as("%s", db.getFileName())
          .isEqualTo(List.copyOf(expected));
    }

    // Provenance: every channel that delivered something about the call.
    var sources = new TreeMap<String, Integer>();
    for (var call : calls) {
      sources.put(call.id(), Channel.TRANSCRIPT.bit());
    }
    for (var delivery : deliveries) {
      for (var id : delivery.toolUseIds()) {
        sources.merge(id, delivery.channel().bit(), (a, b) -> a | b);
      }
    }
    var expectedSources = new ArrayList<String>();
    sources.forEach((id, bits) -> expectedSources.add(id + "|" + Channel.names(bits)));
    var storedSources = new ArrayList<String>();
    for (var row :
        SqlRows.of(hooksFirst, "SELECT tool_use_id, sources FROM tool_calls ORDER BY 1")) {
      int bar = row.indexOf('|');
      storedSources.add(
          row.substring(0, bar) + "|" + Channel.names(Integer.parseInt(row.substring(bar + 1))));
    }
    assertThat(storedSources).isEqualTo(expectedSources);
    assertThat(storedSources).allSatisfy(s -> assertThat(s).contains("hook", "transcript"));

    // Times: the start is PreToolUse's receipt, the end PostToolUse's (or PostToolBatch's for a
    // call that never ran), the duration PostToolUse's duration_ms.
    var expectedTimes = new TreeSet<String>();
    for (var call : calls) {
      expectedTimes.add(call.id() + "|" + expectedTimes(call.id(), deliveries));
    }
    assertThat(
            SqlRows.of(
                hooksFirst,
                """
                SELECT tool_use_id,
                       CASE WHEN start_rank = 3 THEN started_at ELSE 'transcript' END,
                       ended_at, measured_ms
                  FROM tool_calls ORDER BY 1
                """))
        .isEqualTo(List.copyOf(expectedTimes));

    // No record the transcripts alone do not have: sessions, threads, prompts, calls.
    for (var keys :
        List.of(
            "SELECT session_id FROM sessions ORDER BY 1",
            "SELECT session_id, thread_id FROM threads ORDER BY 1, 2",
            "SELECT prompt_id, session_id FROM prompts ORDER BY 1",
            "SELECT tool_use_id FROM tool_calls ORDER BY 1")) {
      assertThat(SqlRows.of(hooksFirst, keys)).as(keys).isEqualTo(SqlRows.of(transcriptOnly, keys));
    }

    // Every payload kept once, nothing skipped, no drift.
    var distinct = new TreeSet<String>();
    for (var delivery : deliveries) {
      distinct.add(delivery.payload());
    }
    assertThat(SqlRows.of(hooksFirst, "SELECT COUNT(*), SUM(json) FROM hook_events"))
        .containsExactly(distinct.size() + "|" + distinct.size());
    assertThat(SqlRows.of(hooksFirst, "SELECT * FROM ingest_skips")).isEmpty();
    assertThat(SqlRows.of(hooksFirst, "SELECT * FROM schema_drift")).isEmpty();

    // The order of arrival changes nothing: of the channels, nor of the hooks among themselves (the
    // spool and the HTTP hook race, and a spool is read in file-time order).
    assertThat(TableDump.of(transcriptFirst)).isEqualTo(TableDump.of(hooksFirst));
    assertThat(TableDump.of(hooksReversed)).isEqualTo(TableDump.of(hooksOnly));
  }

  /** "start|end|measured" as the merge must store them for one call. */
  private static String expectedTimes(String id, List<Delivery> deliveries) {
    Long start = null;
    Long end = null;
    Long batchEnd = null;
    Long measured = null;
    for (var delivery : deliveries) {
      if (!delivery.toolUseIds().contains(id)) {
        continue;
      }
      long at = delivery.receivedAt().toEpochMilli();
      switch (delivery.event()) {
        case "PreToolUse" -> start = start == null ? at : Math.min(start, at);
        case "PostToolUse", "PostToolUseFailure" -> {
          end = end == null ? at : Math.max(end, at);
          measured = delivery.durationMs();
        }
        case "PostToolBatch" -> batchEnd = batchEnd == null ? at : Math.max(batchEnd, at);
        default -> {}
      }
    }
    // The batch ends only calls no per-call hook ended; their measured time is the transcript's
    // (none).
    return (start == null ? "transcript" : String.valueOf(start))
        + "|"
        + (end != null ? end : batchEnd)
        + "|"
        + measured;
  }

  /**
   * A fresh database holding the scenario's hooks and/or transcripts.
   *
   * @param hooksFirst whether the hooks are delivered before the transcripts are imported
   */
  private Path capture(
      String file,
      Path scenario,
      List<Delivery> deliveries,
      boolean hooksFirst,
      boolean transcripts) {
    var db = dir.resolve(file);
    var seen = new ArrayList<Path>();
    try (var store = Store.open(new Dsn.Sqlite(db), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var intake = new HookIntake(ingest, CLOCK, seen::add);
      if (hooksFirst) {
        deliver(intake, deliveries);
        ingest.flush();
      }
      if (transcripts) {
        var summary =
            new TranscriptImport(ingest, store.positions(), 32 << 20, 1, CLOCK)
                .run(List.of(scenario.resolve("home/.claude")));
        assertThat(summary.skipped()).isEmpty();
      }
      if (!hooksFirst) {
        deliver(intake, deliveries);
      }
      ingest.flush();
    }
    if (!deliveries.isEmpty()) {
      // Every delivery names its session's transcript (SubagentStop also the subagent's).
      assertThat(seen).hasSizeGreaterThanOrEqualTo(deliveries.size());
      assertThat(seen)
          .allSatisfy(p -> assertThat(p.toString()).startsWith("/home/dev/.claude/projects/"));
    }
    return db;
  }

  private static void deliver(HookIntake intake, List<Delivery> deliveries) {
    for (var delivery : deliveries) {
      var payload = delivery.payload().getBytes(StandardCharsets.UTF_8);
      assertThat(intake.accept(payload, delivery.channel(), delivery.receivedAt())).isTrue();
    }
  }

  private static String only(Set<String> values) {
    assertThat(values).hasSize(1);
    return values.iterator().next();
  }

  // --- the samples, read with the streaming parser ---

  /**
   * The deliveries of a {@code hooks.jsonl}, one a line ({@code {"via", "payload", …}}), received
   * 50 ms apart in file order. The payload's bytes are cut from the line as they are.
   */
  static List<Delivery> deliveries(Path hooks) throws IOException {
    var deliveries = new ArrayList<Delivery>();
    int index = 0;
    for (var line : Files.readAllLines(hooks, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      var bytes = line.getBytes(StandardCharsets.UTF_8);
      String via = null;
      byte[] payload = null;
      try (var parser = JSON.createParser(bytes)) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          var field = parser.currentName();
          var token = parser.nextToken();
          if (field.equals("via")) {
            via = parser.getText();
          } else if (field.equals("payload") && token == JsonToken.START_OBJECT) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            payload = Arrays.copyOfRange(bytes, start, end);
          } else {
            parser.skipChildren();
          }
        }
      }
      var channel =
          switch (Objects.requireNonNull(via, "via")) {
            case "http" -> Channel.HTTP_HOOK;
            case "command" -> Channel.HOOK;
            default -> throw new AssertionError("unknown delivery: " + via);
          };
      deliveries.add(
          describe(
              channel, Objects.requireNonNull(payload, "payload"), T0.plusMillis(50L * index++)));
    }
    return deliveries;
  }

  /** What the test needs of a payload: its event, its calls and its duration. */
  private static Delivery describe(Channel channel, byte[] payload, Instant receivedAt)
      throws IOException {
    String event = null;
    Long duration = null;
    var ids = new ArrayList<String>();
    try (var parser = JSON.createParser(payload)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var field = parser.currentName();
        var token = parser.nextToken();
        switch (field) {
          case "hook_event_name" -> event = parser.getText();
          case "tool_use_id" -> ids.add(parser.getText());
          case "duration_ms" -> duration = parser.getLongValue();
          case "tool_calls" -> {
            assertThat(token).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var inner = parser.currentName();
                parser.nextToken();
                if (inner.equals("tool_use_id")) {
                  ids.add(parser.getText());
                } else {
                  parser.skipChildren();
                }
              }
            }
          }
          default -> parser.skipChildren();
        }
      }
    }
    return new Delivery(
        channel,
        new String(payload, StandardCharsets.UTF_8),
        receivedAt,
        Objects.requireNonNull(event),
        ids,
        duration);
  }

  /** The ground truth's tool calls. */
  private static List<Call> calls(Path groundTruth) throws IOException {
    var calls = new ArrayList<Call>();
    try (var parser = JSON.createParser(groundTruth.toFile())) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var field = parser.currentName();
        parser.nextToken();
        if (!field.equals("tool_calls")) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          var c = scalars(parser);
          calls.add(
              new Call(
                  (String) required(c, "id"),
                  (String) required(c, "name"),
                  (String) required(c, "session_header"),
                  (Boolean) required(c, "is_error"),
                  (Boolean) required(c, "is_subagent")));
        }
      }
    }
    assertThat(calls).isNotEmpty();
    return calls;
  }

  /** The subagent ids the transcripts name in their file names. */
  private static Set<String> agentIds(Path projects) throws IOException {
    try (var walk = Files.walk(projects)) {
      var ids = new TreeSet<String>();
      walk.map(p -> String.valueOf(p.getFileName()))
          .filter(n -> n.startsWith("agent-") && n.endsWith(".jsonl"))
          .forEach(n -> ids.add(n.substring("agent-".length(), n.length() - ".jsonl".length())));
      return ids;
    }
  }

  /** The scalar fields of the object the parser is in; nested values are skipped. */
  private static Map<String, Object> scalars(JsonParser parser) throws IOException {
    var into = new HashMap<String, Object>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      var name = parser.currentName();
      switch (Objects.requireNonNull(parser.nextToken())) {
        case VALUE_STRING -> into.put(name, parser.getText());
        case VALUE_TRUE, VALUE_FALSE -> into.put(name, parser.getBooleanValue());
        default -> parser.skipChildren();
      }
    }
    return into;
  }

  private static Object required(Map<String, Object> object, String field) {
    return Objects.requireNonNull(object.get(field), field);
  }

  // --- the database ---

}
