package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.store.Filter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The period, cost and session reports on the hand-checked {@link Fixture} world, beyond its golden
 * files: other zones, ranges that cut hours, the active block, the timeline's stop and end, and how
 * a session id is resolved. The model requests in UTC: m1 31 Oct 22:00:05, m2 1 Nov 02:05, m3
 * 10:01, m4 11:59, m6 18:20, m5 18:30.
 */
class PeriodReportsTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
    // the same world, where p1 ended (Stop) at 22:06 and s1 ended (SessionEnd) at 03:00
    var ended = dir.resolve("ended.db");
    Fixture.write(ended);
    try (var store = Fixture.open(ended)) {
      store.write(
          List.of(
              Fixture.batch(
                  List.<Fact>of(
                      new PromptFact(
                          Agent.CLAUDE,
                          "s1",
                          "p1",
                          null,
                          null,
                          Instant.parse("2026-10-31T22:06:00Z"),
                          Fixture.ALPHA,
                          Channel.HTTP_HOOK),
                      new SessionFact(
                          Agent.CLAUDE,
                          "s1",
                          Fixture.ALPHA,
                          null,
                          null,
                          null,
                          Instant.parse("2026-11-01T03:00:00Z"),
                          "logout",
                          Channel.HOOK)))));
    }
  }

  private static Result result(
      String db, Clock clock, ReportName report, Filter filter, ZoneId zone) {
    try (var store = Fixture.open(dir.resolve(db))) {
      return new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES), clock)
          .compute(report, new ReportQuery(filter, zone, 50));
    }
  }

  /** The rows of a report, each a map from column name to its value as CSV writes it. */
  private static List<Map<String, String>> rows(Result result) {
    var rows = new ArrayList<Map<String, String>>();
    for (var row : result.rows()) {
      var map = new LinkedHashMap<String, String>();
      for (int i = 0; i < row.size(); i++) {
        map.put(result.columns().get(i).name(), text(row.get(i)));
      }
      rows.add(map);
    }
    return rows;
  }

  private static List<Map<String, String>> run(ReportName report, Filter filter, ZoneId zone) {
    return rows(result("world.db", Clock.fixed(Fixture.NOW, ZoneOffset.UTC), report, filter, zone));
  }

  private static String text(Value value) {
    return switch (value) {
      case Value.Text(var text) -> text;
      case Value.Count(var count) -> Long.toString(count);
      case Value.Usd usd -> usd.plain();
      case Value.Ratio ratio -> ratio.plain();
      case Value.Decimal decimal -> decimal.plain();
      case Value.Table table -> throw new AssertionError("no period report nests a table");
      case Value.Time(var instant) -> instant.toString();
      case Value.Day(var date) -> date.toString();
      case Value.Names(var names) -> String.join(" ", names);
      case Value.Unknown() -> "null";
    };
  }

  private static Filter since(String time) {
    return new Filter(Instant.parse(time), null, null, null, null, null);
  }

  @Test
  void weeksAndMonthsFollowTheZone() {
    // Los Angeles: m1 (15:00 PDT) and m2 (19:05 PDT) are on Saturday 31 October, the rest on
    // Sunday 1 November: one ISO week, that of Monday 26 October, but two months.
    assertThat(run(ReportName.WEEKLY, Filter.NONE, LOS_ANGELES))
        .extracting(row -> row.get("week") + " " + row.get("requests") + " " + row.get("cost_usd"))
        // s4's three requests (Monday 2 November from 00:00:30 PST) start the week of 2 November;
        // their usage is not known yet, so they cost $0
        .containsExactly("2026-10-26 6 null", "2026-11-02 3 0");
    assertThat(run(ReportName.MONTHLY, Filter.NONE, LOS_ANGELES))
        .extracting(
            row ->
                row.get("month")
                    + " "
                    + row.get("requests")
                    + " "
                    + row.get("total_tokens")
                    + " "
                    + row.get("cost_usd"))
        // October: m1 7,200 + m2 14,500 tokens, $0.01125 + $0.05; November: 300 + 1,100,020
        // (+ s4's 3 requests without usage in November)
        .containsExactly("2026-10 2 21700 0.06125", "2026-11 7 1100320 null");
    // UTC: m5 is 18:30 on Sunday 1 November; s4 (08:00 on Monday 2 November) starts a week
    assertThat(run(ReportName.WEEKLY, Filter.NONE, UTC))
        .extracting(row -> row.get("week") + " " + row.get("requests"))
        .containsExactly("2026-10-26 6", "2026-11-02 3");
  }

  @Test
  void blocksFollowActivityAcrossMidnight() {
    assertThat(run(ReportName.BLOCKS, Filter.NONE, UTC))
        .extracting(
            row ->
                row.get("start")
                    + " "
                    + row.get("end")
                    + " "
                    + row.get("last_activity")
                    + " "
                    + row.get("requests")
                    + " "
                    + row.get("cost_usd"))
        // m1 (22:00) starts [22:00, 03:00), which m2 (02:05) is in; m3 (10:01) starts
        // [10:00, 15:00), with m4 at 11:59; m6 (18:20) starts [18:00, 23:00), with m5 (unpriced)
        .containsExactly(
            "2026-10-31T22:00:00Z 2026-11-01T03:00:00Z 2026-11-01T02:00:00Z 2 0.06125",
            "2026-11-01T10:00:00Z 2026-11-01T15:00:00Z 2026-11-01T11:00:00Z 2 0.4",
            "2026-11-01T18:00:00Z 2026-11-01T23:00:00Z 2026-11-01T18:00:00Z 2 null",
            // s4: r1 (08:00:30), r2 (08:01:50), r3 (08:21:30), usage not known yet: $0
            "2026-11-02T08:00:00Z 2026-11-02T13:00:00Z 2026-11-02T08:00:00Z 3 0");
  }

  @Test
  void aRangeThatCutsAnHourStartsTheBlockAtThatHour() {
    // From 11:30: m3 (10:01) is out, m4 (11:59, in the quarter hour from 11:45) is in, and its
    // hour 11:00 starts the block, read from 15-minute rows since the hour is cut.
    assertThat(run(ReportName.BLOCKS, since("2026-11-01T11:30:00Z"), UTC))
        .extracting(row -> row.get("start") + " " + row.get("requests") + " " + row.get("models"))
        .containsExactly(
            "2026-11-01T11:00:00Z 1 claude-opus-5-5",
            "2026-11-01T18:00:00Z 2 claude-haiku-4-5-20251001 claude-mystery-1",
            "2026-11-02T08:00:00Z 3 claude-sonnet-4-5-20250929");
    var s1 = new Filter(null, null, null, null, null, "s1");
    assertThat(run(ReportName.BLOCKS, s1, UTC))
        .extracting(row -> row.get("start") + " " + row.get("total_tokens"))
        .containsExactly("2026-10-31T22:00:00Z 21700");
  }

  @Test
  void theBlockThatContainsNowIsActive() {
    var clock = Clock.fixed(Instant.parse("2026-11-01T19:00:00Z"), ZoneOffset.UTC);
    var result = result("world.db", clock, ReportName.BLOCKS, Filter.NONE, UTC);
    assertThat(rows(result))
        .extracting(row -> row.get("active"))
        .containsExactly("no", "no", "yes", "no");
    assertThat(result.notes())
        .contains(
            "The active block started 2026-11-01 18:00 and ends 2026-11-01 23:00, in 4 h 0 min;"
                + " so far it cost an unknown amount.");
    // at its end, 23:00, the block is over
    var later = Clock.fixed(Instant.parse("2026-11-01T23:00:00Z"), ZoneOffset.UTC);
    assertThat(rows(result("world.db", later, ReportName.BLOCKS, Filter.NONE, UTC)))
        .extracting(row -> row.get("active"))
        .containsExactly("no", "no", "no", "no");
  }

  @Test
  void modelsCountTheSourcesOfCostAndCrossCheckTheCostState() {
    var opus = new Filter(null, null, null, null, "claude-opus-5-5", null);
    assertThat(run(ReportName.MODELS, opus, UTC))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("requests", "2")
                    .containsEntry("cost_state_requests", "2")
                    .containsEntry("cost_state_sessions", "1")
                    .containsEntry("cost_state_usd", "0.4")
                    .containsEntry("cost_state_difference_usd", "0"));
    // from 10:00 on 1 November m1 and m2 are out of range, but the cross-check is of whole
    // sessions active in the range: s3's haiku is still $1.50 against Claude Code's $1.60
    var haiku = run(ReportName.MODELS, since("2026-11-01T10:00:00Z"), UTC).getFirst();
    assertThat(haiku)
        .containsEntry("model", "claude-haiku-4-5-20251001")
        .containsEntry("price_table_requests", "1")
        .containsEntry("cost_state_difference_usd", "-0.1");
  }

  @Test
  void projectsSplitTheOverviewByProject() {
    // from 10:00 on 1 November: alpha's s1 (last seen 03:00) is out; beta has s2 and s3, p3,
    // t7 and t8 (both ok), and m3, m4, m5, m6
    assertThat(run(ReportName.PROJECTS, since("2026-11-01T10:00:00Z"), UTC))
        .extracting(
            row ->
                row.get("project")
                    + " "
                    + row.get("sessions")
                    + " "
                    + row.get("prompts")
                    + " "
                    + row.get("tool_calls")
                    + " "
                    + row.get("success_rate")
                    + " "
                    + row.get("model_requests"))
        // (s4's project gamma: 1 session, 2 prompts, 8 calls, 2 ok of 7 finished, 3 requests)
        .containsExactly(Fixture.BETA + " 2 1 2 1 4", "/home/me/src/gamma 1 2 8 0.285714 3");
  }

  @Test
  void theTimelineShowsTheStopOfATurnAndTheEndOfTheSession() {
    var s1 = new Filter(null, null, null, null, null, "s1");
    var rows =
        rows(
            result(
                "ended.db", Clock.fixed(Fixture.NOW, ZoneOffset.UTC), ReportName.SESSION, s1, UTC));
    assertThat(rows)
        .extracting(
            row ->
                String.valueOf(row.get("at")).substring(11)
                    + " "
                    + row.get("kind")
                    + " "
                    + row.get("name")
                    + " "
                    + row.get("detail")
                    + " "
                    + row.get("duration_ms"))
        // p1 lasts 22:00 to 22:06 = 360,000 ms; the session ends at 03:00 for "logout"
        .containsSubsequence(
            "22:00:00Z prompt p1 do it 360000",
            "22:05:00Z tool_call Read read x 40",
            "22:06:00Z stop p1 null null",
            "02:00:00Z prompt p2 do it null",
            "02:40:00Z tool_call Bash make null",
            "03:00:00Z session end logout null")
        .hasSize(14);
  }

  @Test
  void aSessionIsNamedByItsIdOrAUniqueStartOfIt() {
    var byPrefix = new Filter(null, null, null, null, null, "s");
    assertThatThrownBy(() -> run(ReportName.SESSION, byPrefix, UTC))
        .isInstanceOf(ReportException.class)
        .hasMessage("'s' starts 4 session ids (s1, s2, s3, s4): give more of the id");
    var unknown = new Filter(null, null, null, null, null, "zz");
    assertThatThrownBy(() -> run(ReportName.SESSION, unknown, UTC))
        .isInstanceOf(ReportException.class)
        .hasMessage("no session 'zz' in the database: 'flightlog report sessions' lists them");
    var otherAgent = new Filter(null, null, null, "codex", null, "s1");
    assertThatThrownBy(() -> run(ReportName.SESSION, otherAgent, UTC))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "no session 's1' of agent codex in the database: 'flightlog report sessions' lists"
                + " them");
    assertThat(run(ReportName.SESSION, new Filter(null, null, null, null, null, "s2"), UTC))
        .extracting(row -> row.get("kind") + " " + row.get("name"))
        .containsExactly(
            "session start",
            "prompt p3",
            "model_request claude-opus-5-5",
            "tool_call Grep",
            "model_request claude-opus-5-5");
  }

  private static List<Map<String, String>> breakdown(
      ReportName report, Filter filter, ZoneId zone) {
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      return rows(
          new Reports(
                  store.reads(),
                  PriceTable.load(Fixture.NO_USER_PRICES),
                  Clock.fixed(Fixture.NOW, ZoneOffset.UTC))
              .compute(report, new ReportQuery(filter, zone, 50, true)));
    }
  }

  @Test
  void theBreakdownSplitsEachPeriodByModelAndEachModelIsItsOwnReport() {
    var sums =
        List.of(
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_creation_tokens",
            "total_tokens",
            "requests");
    for (var zone : List.of(UTC, LOS_ANGELES, ZoneId.of("Asia/Kolkata"))) {
      for (var report : List.of(ReportName.DAILY, ReportName.WEEKLY, ReportName.MONTHLY)) {
        var split = breakdown(report, Filter.NONE, zone);
        var whole = run(report, Filter.NONE, zone);
        var period = whole.getFirst().keySet().iterator().next();
        assertThat(split.getFirst().keySet())
            .containsExactly(
                period,
                "model",
                "input_tokens",
                "output_tokens",
                "cache_read_tokens",
                "cache_creation_tokens",
                "total_tokens",
                "cost_usd",
                "requests");
        // every period's rows add up to the period's row of the report without the breakdown
        for (var row : whole) {
          var mine =
              split.stream().filter(r -> Objects.equals(r.get(period), row.get(period))).toList();
          assertThat(mine).as("%s %s %s", report, zone, row.get(period)).isNotEmpty();
          assertThat(mine.stream().map(r -> r.get("model")).toList())
              .isSorted()
              .containsExactlyInAnyOrder(String.valueOf(row.get("models")).split(" "));
          for (var sum : sums) {
            assertThat(
                    mine.stream().mapToLong(r -> Long.parseLong(String.valueOf(r.get(sum)))).sum())
                .as("%s %s %s %s", report, zone, row.get(period), sum)
                .isEqualTo(Long.parseLong(String.valueOf(row.get(sum))));
          }
        }
        // a model's rows are the report filtered to that model, cost included
        for (var model : split.stream().map(r -> r.get("model")).distinct().toList()) {
          var only =
              run(report, new Filter(null, null, null, null, model, null), zone).stream()
                  .filter(r -> !"0".equals(r.get("requests")))
                  .toList();
          var mine = split.stream().filter(r -> Objects.equals(r.get("model"), model)).toList();
          assertThat(mine).as("%s %s %s", report, zone, model).hasSameSizeAs(only);
          for (int i = 0; i < mine.size(); i++) {
            for (var column : List.of(period, "total_tokens", "cost_usd", "requests")) {
              assertThat(mine.get(i).get(column)).isEqualTo(only.get(i).get(column));
            }
          }
        }
      }
    }
  }
}
