package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.store.Filter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every number of the four reports on the hand-checked {@link Fixture} world. */
class ReportsTest {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
  }

  /** The rows of a report, each a map from column name to its value as CSV writes it. */
  private static List<Map<String, String>> run(ReportName report, Filter filter, ZoneId zone) {
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      var result =
          new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES))
              .compute(report, new ReportQuery(filter, zone, 50));
      return result.rows().stream()
          .map(
              row -> {
                var map = new LinkedHashMap<String, String>();
                for (int i = 0; i < row.size(); i++) {
                  map.put(result.columns().get(i).name(), text(row.get(i)));
                }
                return (Map<String, String>) map;
              })
          .toList();
    }
  }

  private static String text(Value value) {
    return switch (value) {
      case Value.Text(var text) -> text;
      case Value.Count(var count) -> Long.toString(count);
      case Value.Usd usd -> usd.plain();
      case Value.Ratio ratio -> ratio.plain();
      case Value.Decimal decimal -> decimal.plain();
      case Value.Table table ->
          String.join(
              " / ",
              table.rows().stream()
                  .map(row -> String.join("|", row.stream().map(ReportsTest::text).toList()))
                  .toList());
      case Value.Time(var instant) -> instant.toString();
      case Value.Day(var date) -> date.toString();
      case Value.Names(var names) -> String.join(" ", names);
      case Value.Unknown() -> "null";
    };
  }

  @Test
  void overviewCountsEachThingOnceAndCostIsUnknownWhenAModelIsUnpriced() {
    var overview = run(ReportName.OVERVIEW, Filter.NONE, KOLKATA).getFirst();
    assertThat(overview)
        .containsEntry("since", "null")
        .containsEntry("until", "null")
        .containsEntry("sessions", "4")
        .containsEntry("prompts", "5")
        .containsEntry("tool_calls", "16")
        .containsEntry("tool_ok", "6")
        .containsEntry("tool_errors", "6")
        .containsEntry("tool_denied", "1")
        .containsEntry("tool_interrupted", "2")
        .containsEntry("tool_pending", "1")
        .containsEntry("success_rate", "0.5")
        // s4's episodes, 1 of 3 ended ones recovered (s1's and s4's open ones not counted)
        .containsEntry("episodes", "3")
        .containsEntry("recovery_rate", "0.333333")
        // q1's wall time; no other turn has both a start and an end
        .containsEntry("active_ms", "600000")
        .containsEntry("model_requests", "9")
        // 1000 + 2000 + 100 + 100 + 1000000 + 10
        .containsEntry("input_tokens", "1003210")
        // 200 (not 20 + 200) + 500 + 50 + 50 + 100000 + 10
        .containsEntry("output_tokens", "100810")
        .containsEntry("cache_read_tokens", "15000")
        .containsEntry("cache_creation_tokens", "3000")
        .containsEntry("total_tokens", "1122020")
        .containsEntry("cost_usd", "null")
        .containsEntry("unpriced_models", "claude-mystery-1");
  }

  @Test
  void aProjectFilterMatchesTheLastPathComponentAndTheFullPath() {
    for (var project : List.of("alpha", "src/alpha", Fixture.ALPHA, "alpha/")) {
      var overview =
          run(ReportName.OVERVIEW, new Filter(null, null, project, null, null, null), KOLKATA)
              .getFirst();
      assertThat(overview)
          .as(project)
          .containsEntry("sessions", "1")
          .containsEntry("prompts", "2")
          .containsEntry("tool_calls", "6")
          .containsEntry("model_requests", "2")
          // m1 by the price table, m2 by Claude Code's own figure
          .containsEntry("cost_usd", "0.06125")
          .containsEntry("unpriced_models", "");
    }
    var none = new Filter(null, null, "lpha", null, null, null);
    assertThat(run(ReportName.OVERVIEW, none, KOLKATA).getFirst())
        .containsEntry("sessions", "0")
        .containsEntry("tool_calls", "0")
        .containsEntry("cost_usd", "0");
  }

  @Test
  void aModelMissingFromThePriceTableIsPricedByItsApportionedCostState() {
    var beta = new Filter(null, Instant.parse("2026-11-01T13:00:00Z"), "beta", null, null, null);
    assertThat(run(ReportName.OVERVIEW, beta, KOLKATA).getFirst())
        .containsEntry("sessions", "1")
        .containsEntry("model_requests", "2")
        .containsEntry("cost_usd", "0.4")
        .containsEntry("until", "2026-11-01T13:00:00Z");
  }

  @Test
  void aTimeRangeCountsWholeQuarterHoursAndUnknownTimesOnlyWhenUnbounded() {
    // 02:05:00 to 02:11:00 widens to 02:00 to 02:15: m2, t3 and p2
    var range =
        new Filter(
            Instant.parse("2026-11-01T02:05:00Z"),
            Instant.parse("2026-11-01T02:11:00Z"),
            null,
            null,
            null,
            null);
    assertThat(run(ReportName.OVERVIEW, range, KOLKATA).getFirst())
        .containsEntry("since", "2026-11-01T02:00:00Z")
        .containsEntry("until", "2026-11-01T02:15:00Z")
        .containsEntry("sessions", "1")
        .containsEntry("prompts", "1")
        .containsEntry("tool_calls", "1")
        .containsEntry("tool_errors", "1")
        .containsEntry("model_requests", "1")
        .containsEntry("cost_usd", "0.05");
  }

  @Test
  void toolsAreSortedByCallsWithOutcomesRatesAndNearestRankPercentiles() {
    var tools = run(ReportName.TOOLS, Filter.NONE, KOLKATA);
    assertThat(tools)
        .extracting(row -> String.join("|", row.values()))
        .containsExactly(
            // Bash: t1 ok 2500, t3 error 1000, t5 interrupted 500, t6 pending, and s4's u1 error
            // 2000, u2 error 1000, u3 ok 5000, u6 interrupted 1000; success 2 / (2 + 3);
            // durations 500 1000 1000 1000 2000 2500 5000: p50 = rank ceil(0.5 x 7) = 4 -> 1000,
            // p95 = rank ceil(0.95 x 7) = 7 -> 5000
            "Bash|8|2|3|0|2|1|0.4|1000|5000",
            // t4 denied (no duration), u4 error 1000, u5 ok measured 1000
            "Edit|3|1|1|1|0|0|0.5|1000|1000",
            // t7 ok 300, u8 error 1000: p50 = rank 1, p95 = rank 2
            "Grep|2|1|1|0|0|0|0.5|300|1000",
            // t2 ok 40, u7 error 100
            "Read|2|1|1|0|0|0|0.5|40|100",
            "mcp__github__search|1|1|0|0|0|0|1|120|120");
  }

  @Test
  void sessionsAreNewestFirstWithWholeSessionTotals() {
    var sessions = run(ReportName.SESSIONS, Filter.NONE, KOLKATA);
    assertThat(sessions)
        .extracting(row -> row.get("session_id"))
        .containsExactly("s4", "s3", "s2", "s1");
    assertThat(sessions.get(0))
        .containsEntry("tool_calls", "8")
        .containsEntry("tool_errors", "5")
        // q1's wall; the gap from q1's Stop to q2
        .containsEntry("active_ms", "600000")
        .containsEntry("idle_ms", "600000");
    assertThat(sessions.get(1))
        .containsEntry("project", Fixture.BETA)
        .containsEntry("started_at", "2026-11-01T18:15:00Z")
        .containsEntry("last_seen", "2026-11-01T19:00:00Z")
        .containsEntry("tool_calls", "1")
        .containsEntry("total_tokens", "1100020")
        .containsEntry("cost_usd", "null")
        .containsEntry("models", "claude-haiku-4-5-20251001 claude-mystery-1")
        .containsEntry("unpriced_models", "claude-mystery-1");
    assertThat(sessions.get(2))
        .containsEntry("prompts", "1")
        .containsEntry("cost_usd", "0.4")
        .containsEntry("cost_state_usd", "0.4");
    assertThat(sessions.get(3))
        .containsEntry("prompts", "2")
        .containsEntry("tool_calls", "6")
        .containsEntry("tool_errors", "1")
        .containsEntry("model_requests", "2")
        .containsEntry("total_tokens", "21700")
        .containsEntry("cost_usd", "0.06125")
        .containsEntry("cost_state_usd", "null");
  }

  @Test
  void sessionsAreLimitedAndChosenByTheRange() {
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      var reports = new Reports(store.reads(), PriceTable.builtIn());
      var limited = reports.compute(ReportName.SESSIONS, new ReportQuery(Filter.NONE, KOLKATA, 1));
      assertThat(limited.rows()).hasSize(1);
      var before = new Filter(null, Instant.parse("2026-11-01T09:00:00Z"), null, null, null, null);
      var early = reports.compute(ReportName.SESSIONS, new ReportQuery(before, KOLKATA, 0));
      assertThat(early.rows()).hasSize(1);
      assertThat(early.rows().getFirst().getFirst()).isEqualTo(new Value.Text("s1"));
    }
  }

  @Test
  void daysFollowTheZoneIncludingAnOffsetOfHalfAnHourAndTheEndOfDaylightSavingTime() {
    assertThat(run(ReportName.DAILY, Filter.NONE, ZoneId.of("UTC")))
        .extracting(row -> row.get("date") + " " + row.get("requests") + " " + row.get("cost_usd"))
        .containsExactly("2026-10-31 1 0.01125", "2026-11-01 5 null", "2026-11-02 3 0");
    // Kolkata: m1 is 03:30 on 1 November; m5 at 18:30Z is midnight, 2 November; s4's r1-r3
    // (08:00-08:21Z) are 13:30-13:51 on 2 November, priced $0 (no tokens)
    assertThat(run(ReportName.DAILY, Filter.NONE, KOLKATA))
        .extracting(row -> row.get("date") + " " + row.get("requests") + " " + row.get("cost_usd"))
        .containsExactly("2026-11-01 5 1.96125", "2026-11-02 4 null");
    // Los Angeles: m1 and m2 (02:05Z, 19:05 PDT) fall on 31 October; after 09:00Z it is PST,
    // so s4's requests at 08:00:30Z-08:21:30Z on 2 November are 00:00-00:21 on 2 November
    assertThat(run(ReportName.DAILY, Filter.NONE, LOS_ANGELES))
        .extracting(row -> row.get("date") + " " + row.get("requests") + " " + row.get("cost_usd"))
        .containsExactly("2026-10-31 2 0.06125", "2026-11-01 4 null", "2026-11-02 3 0");
    var kolkata = run(ReportName.DAILY, Filter.NONE, KOLKATA).getFirst();
    assertThat(kolkata)
        .containsEntry("input_tokens", "1003200")
        .containsEntry("output_tokens", "100800")
        .containsEntry("cache_read_tokens", "15000")
        .containsEntry("cache_creation_tokens", "3000")
        .containsEntry("total_tokens", "1122000")
        .containsEntry(
            "models", "claude-haiku-4-5-20251001 claude-opus-5-5 claude-sonnet-4-5-20250929")
        .containsEntry("unpriced_models", "");
  }

  @Test
  void aDailyRangeGivenAsDaysOfTheZoneSelectsExactlyThoseDays() {
    var day =
        new Filter(
            Instant.parse("2026-11-01T00:00:00+05:30"),
            Instant.parse("2026-11-02T00:00:00+05:30"),
            null,
            null,
            null,
            null);
    assertThat(run(ReportName.DAILY, day, KOLKATA))
        .extracting(row -> row.get("date") + " " + row.get("requests"))
        .containsExactly("2026-11-01 5");
  }

  @Test
  void aModelFilterNarrowsTokensAndCostOnly() {
    var haiku = new Filter(null, null, null, null, "claude-haiku-4-5-20251001", null);
    assertThat(run(ReportName.OVERVIEW, haiku, KOLKATA).getFirst())
        .containsEntry("model_requests", "1")
        .containsEntry("cost_usd", "1.5")
        .containsEntry("tool_calls", "16");
  }

  @Test
  void aSessionFilterReadsThatSessionsRows() {
    var s1 = new Filter(null, null, null, null, null, "s1");
    assertThat(run(ReportName.OVERVIEW, s1, KOLKATA).getFirst())
        .containsEntry("sessions", "1")
        .containsEntry("prompts", "2")
        .containsEntry("tool_calls", "6")
        .containsEntry("model_requests", "2")
        .containsEntry("cost_usd", "0.06125");
    assertThat(run(ReportName.DAILY, s1, LOS_ANGELES))
        .extracting(row -> row.get("date") + " " + row.get("requests"))
        .containsExactly("2026-10-31 2");
  }
}
