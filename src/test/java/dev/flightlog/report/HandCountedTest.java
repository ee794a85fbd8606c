package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Channel;
import dev.flightlog.ingest.Gate;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.TranscriptImport;
import dev.flightlog.live.Broker;
import dev.flightlog.otlp.Json;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-counted fixture ({@code src/test/resources/dev/flightlog/handcount/README.md}):
 * transcripts imported and hooks delivered through the real decoders, then every report in every
 * format compared with golden files, and the numbers the README counts by hand checked one by one.
 * Regenerate the golden files after an intended change with {@code -Dflightlog.regenerate=true} and
 * compare the diff with the README.
 */
class HandCountedTest {

  private static final Path FIXTURE = Path.of("src/test/resources/dev/flightlog/handcount");
  private static final Path GOLDEN = FIXTURE.resolve("golden");
  private static final boolean REGENERATE = Boolean.getBoolean("flightlog.regenerate");
  private static final ZoneId UTC = ZoneOffset.UTC;

  /** "Now" for reports that mark the current block: long after the fixture. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), UTC);

  static final String S1 = "11111111-1111-4111-8111-111111111111";

  @TempDir static Path dir;

  @BeforeAll
  static void capture() throws IOException {
    try (var store = Store.open(new Dsn.Sqlite(dir.resolve("hand.db")), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var summary =
          new TranscriptImport(ingest, store.positions(), 32 << 20, 1, CLOCK)
              .run(List.of(FIXTURE.resolve("claude")));
      assertThat(summary.skipped()).isEmpty();
      var intake = new HookIntake(ingest, CLOCK, path -> {});
      for (var line : Files.readAllLines(FIXTURE.resolve("hooks.jsonl"))) {
        var hook = map(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
        var payload =
            Json.write(Objects.requireNonNull(hook.get("payload")))
                .getBytes(StandardCharsets.UTF_8);
        var at = Instant.parse((String) Objects.requireNonNull(hook.get("at")));
        assertThat(intake.accept(payload, Channel.HTTP_HOOK, at)).isTrue();
      }
      ingest.flush();
    }
  }

  static Store open() {
    return Store.open(new Dsn.Sqlite(dir.resolve("hand.db")), CLOCK);
  }

  /** The report over everything; {@code session} is about S1. */
  static String report(ReportName name, Format format, boolean terminal) {
    var filter =
        name == ReportName.SESSION ? new Filter(null, null, null, null, null, S1) : Filter.NONE;
    var out = new StringWriter();
    try (var store = open()) {
      new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES), CLOCK)
          .write(name, new ReportQuery(filter, UTC, 0), format, terminal, out);
    }
    return out.toString();
  }

  static Object json(ReportName name) {
    return Json.parse(report(name, Format.JSON, false).getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rows(Object value) {
    return (List<Map<String, Object>>) value;
  }

  record Case(ReportName report, Format format) {
    @Override
    public String toString() {
      return report.wireName() + "." + format.wireName();
    }
  }

  static List<Case> cases() {
    var cases = new ArrayList<Case>();
    for (var report : ReportName.values()) {
      for (var format : Format.values()) {
        cases.add(new Case(report, format));
      }
    }
    return cases;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyReportInEveryFormatMatchesItsGoldenFile(Case golden) throws IOException {
    var actual = report(golden.report(), golden.format(), false);
    var path = GOLDEN.resolve(golden.toString());
    if (REGENERATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(path).as("run with -Dflightlog.regenerate=true to create %s", path).exists();
    assertThat(actual).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
  }

  @Test
  void overviewCountsWhatTheReadmeCounts() {
    var overview = map(json(ReportName.OVERVIEW));
    assertThat(overview)
        .containsEntry("sessions", 4L)
        .containsEntry("prompts", 8L)
        .containsEntry("tool_calls", 17L)
        .containsEntry("tool_errors", 6L)
        .containsEntry("tool_interrupted", 1L)
        .containsEntry("input_tokens", 1_230L)
        .containsEntry("output_tokens", 970L)
        .containsEntry("cache_read_tokens", 2_300L)
        .containsEntry("cache_creation_tokens", 1_150L)
        .doesNotContainKey("cost_usd"); // unknown: mystery-model-1 has no price from any source
  }

  @Test
  void toolsUseTheHooksMeasuredDuration() {
    var bash =
        rows(json(ReportName.TOOLS)).stream().filter(r -> "Bash".equals(r.get("tool"))).toList();
    assertThat(bash)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row).containsEntry("calls", 7L).containsEntry("ok", 2L);
              assertThat(row).containsEntry("errors", 4L).containsEntry("interrupted", 1L);
              assertThat(row).containsEntry("p50_ms", 2_000L).containsEntry("p95_ms", 23_000L);
            });
  }

  /** The values of one field of every row of an array report, in order. */
  static List<@Nullable Object> column(ReportName name, String field) {
    var values = new ArrayList<@Nullable Object>();
    for (var row : rows(json(name))) {
      values.add(row.get(field));
    }
    return values;
  }

  @Test
  void blocksStartAtTheFirstRequestsHourAndLastFiveHours() {
    // 14:00:03 is past the 09:00 block's end; 02:50 after midnight is in the 22:00 block.
    assertThat(column(ReportName.BLOCKS, "start"))
        .containsExactly(
            "2026-02-27T10:00:00Z",
            "2026-03-02T09:00:00Z",
            "2026-03-02T14:00:00Z",
            "2026-03-02T22:00:00Z",
            "2026-03-03T03:00:00Z");
    assertThat(column(ReportName.BLOCKS, "requests")).containsExactly(2L, 17L, 1L, 3L, 1L);
    assertThat(column(ReportName.BLOCKS, "cost_usd"))
        .containsExactly(null, 0.008363, 0.25, 0.001643, 0.000548);
  }

  @Test
  void weeksAndMonthsSumTheirDays() {
    assertThat(column(ReportName.WEEKLY, "week")).containsExactly("2026-02-23", "2026-03-02");
    assertThat(column(ReportName.WEEKLY, "total_tokens")).containsExactly(360L, 5_290L);
    assertThat(column(ReportName.MONTHLY, "month")).containsExactly("2026-02", "2026-03");
    assertThat(column(ReportName.MONTHLY, "cost_usd")).containsExactly(null, 0.260553);
    assertThat(column(ReportName.DAILY, "total_tokens")).containsExactly(360L, 4_930L, 360L);
  }

  @Test
  void modelsArePricedByTableOrCostStateAndCrossChecked() {
    assertThat(column(ReportName.MODELS, "model"))
        .containsExactly(
            "claude-sonnet-4-5-20250929",
            "claude-opus-9-9",
            "claude-haiku-4-5-20251001",
            "mystery-model-1");
    assertThat(column(ReportName.MODELS, "requests")).containsExactly(18L, 1L, 3L, 2L);
    assertThat(column(ReportName.MODELS, "cost_usd"))
        .containsExactly(0.010005, 0.25, 0.000548, null);
    // Claude Code says $0.0006 for Haiku, the price table $0.0005475.
    assertThat(column(ReportName.MODELS, "cost_state_difference_usd"))
        .containsExactly(0L, 0L, -0.000053, null);
  }

  @Test
  void projectsCountTheirSessionsCallsAndTokens() {
    assertThat(column(ReportName.PROJECTS, "project"))
        .containsExactly("/home/dev/shop", "/home/dev/docs", "/home/dev/lab");
    assertThat(column(ReportName.PROJECTS, "sessions")).containsExactly(2L, 1L, 1L);
    assertThat(column(ReportName.PROJECTS, "prompts")).containsExactly(4L, 3L, 1L);
    assertThat(column(ReportName.PROJECTS, "tool_calls")).containsExactly(15L, 1L, 1L);
    assertThat(column(ReportName.PROJECTS, "tool_errors")).containsExactly(6L, 0L, 0L);
    assertThat(column(ReportName.PROJECTS, "total_tokens")).containsExactly(4_570L, 720L, 360L);
  }

  @Test
  void recoveryEpisodesAreTheFiveOfTheReadme() {
    var recovery = map(json(ReportName.RECOVERY));
    assertThat(recovery)
        .containsEntry("episodes", 5L)
        .containsEntry("recovered", 3L)
        .containsEntry("unrecovered", 1L)
        .containsEntry("interrupted", 1L)
        .containsEntry("open", 0L)
        .containsEntry("recovery_rate", 0.6)
        .containsEntry("median_attempts", 1L) // attempts 2, 1, 1
        .containsEntry("median_recovery_ms", 6_000L) // 11,000, 6,000, 3,000
        .containsEntry("p95_recovery_ms", 11_000L);
    var byTool = rows(Objects.requireNonNull(recovery.get("by_tool")));
    assertThat(byTool).extracting(row -> row.get("tool")).containsExactly("Bash", "Edit", "Read");
    assertThat(byTool).extracting(row -> row.get("recovered")).containsExactly(2L, 1L, 0L);
    assertThat(byTool).extracting(row -> row.get("interrupted")).containsExactly(1L, 0L, 0L);
  }

  @Test
  void flowSplitsEachTurnIntoToolModelAndWaitingTime() {
    // Latest first: S3 T3, S3 T2, S3 T1, S2, S1 T3, S1 T2, S1 T1, S4.
    assertThat(column(ReportName.FLOW, "wall_ms"))
        .containsExactly(3_000L, 4_000L, 8_000L, 3_000L, 30_000L, 20_000L, 29_000L, 6_000L);
    assertThat(column(ReportName.FLOW, "tool_ms"))
        .containsExactly(0L, 0L, 1_000L, 0L, 26_000L, 12_000L, 10_000L, 2_000L);
    assertThat(column(ReportName.FLOW, "model_ms"))
        .containsExactly(3_000L, 4_000L, 7_000L, 3_000L, 4_000L, 8_000L, 16_000L, 4_000L);
    assertThat(column(ReportName.FLOW, "waiting_ms"))
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 3_000L, 0L);
    assertThat(column(ReportName.FLOW, "longest_streak"))
        .containsExactly(0L, 0L, 1L, 0L, 0L, 3L, 2L, 1L);
    assertThat(column(ReportName.FLOW, "idle_before_ms"))
        .containsExactly(896_000L, 15_592_000L, null, null, 580_000L, 571_000L, null, null);
    var sessions = rows(json(ReportName.SESSIONS));
    assertThat(sessions)
        .extracting(row -> row.get("active_ms"))
        .containsExactly(15_000L, 3_000L, 79_000L, 6_000L);
    assertThat(sessions)
        .extracting(row -> row.get("idle_ms"))
        .containsExactly(16_488_000L, null, 1_151_000L, null);
  }

  @Test
  void errorsGroupTheSevenFailedCallsBySignature() {
    assertThat(column(ReportName.ERRORS, "category"))
        .containsExactly(
            "non-zero exit",
            "command not found",
            "interrupted",
            "non-zero exit",
            "edit target not found",
            "not found");
    assertThat(column(ReportName.ERRORS, "signature").getFirst())
        .isEqualTo("make: *** [Makefile:<n>: test] Error <n>");
    assertThat(column(ReportName.ERRORS, "count")).containsExactly(2L, 1L, 1L, 1L, 1L, 1L);
  }
}
