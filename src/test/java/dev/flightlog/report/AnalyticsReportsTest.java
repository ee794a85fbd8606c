package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.store.Filter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors, recovery and flow reports on the hand-checked {@link Fixture} world (session s4 is
 * there for them; its numbers are worked out in {@link Fixture#third()}).
 */
class AnalyticsReportsTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Filter S4 = new Filter(null, null, null, null, null, "s4");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
  }

  private static Result compute(ReportName report, Filter filter, int limit) {
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      return new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES))
          .compute(report, new ReportQuery(filter, UTC, limit));
    }
  }

  /** Each row's values as CSV writes them, joined by '|'. */
  private static List<String> lines(Result result) throws IOException {
    var out = new StringWriter();
    new CsvOutput(out).result(result);
    var lines = new ArrayList<>(out.toString().lines().toList());
    lines.removeFirst();
    return lines.stream().map(line -> line.replace(',', '|')).toList();
  }

  @Test
  void theErrorCatalogGroupsFailedCallsBySignatureMostFrequentFirst() throws IOException {
    var errors = compute(ReportName.ERRORS, Filter.NONE, 0);
    assertThat(lines(errors))
        .containsExactly(
            // u1 and u2 of s4: the "Exit code 127" line is skipped for the first line
            "Bash|command not found|bash: foo: command not found|2|1|2026-11-02T08:01:00Z"
                + "|2026-11-02T08:01:10Z|bash: foo: command not found|s4",
            // t5 of s1 and u6 of s4, neither with an error text
            "Bash|interrupted||2|2|2026-11-01T02:30:00Z|2026-11-02T08:05:00Z||s4",
            // then one of each, by tool and category: t3 of s1 ("exit 1")
            "Bash|other|exit <n>|1|1|2026-11-01T02:10:00Z|2026-11-01T02:10:00Z|exit 1|s1",
            "Edit|edit target not found|String to replace not found in file.|1|1"
                + "|2026-11-02T08:02:00Z|2026-11-02T08:02:00Z"
                + "|String to replace not found in file.|s4",
            // t4 of s1, denied by a rule
            "Edit|user rejected|denied by rule|1|1|2026-11-01T02:20:00Z|2026-11-01T02:20:00Z"
                + "|denied by rule|s1",
            "Grep|syntax/parse error|rg: regex parse error:|1|1|2026-11-02T08:21:00Z"
                + "|2026-11-02T08:21:00Z|rg: regex parse error:|s4",
            "Read|not found|File does not exist.|1|1|2026-11-02T08:06:00Z|2026-11-02T08:06:00Z"
                + "|File does not exist.|s4");
    // 2 + 2 + 1 + 1 + 1 + 1 + 1 failed calls: 6 errors, 1 denied, 2 interrupted
    assertThat(errors.total()).contains(Value.count(9));
    assertThat(compute(ReportName.ERRORS, Filter.NONE, 2).rows()).hasSize(2);
  }

  @Test
  void theErrorCatalogFollowsTheFiltersTimeRange() throws IOException {
    // 08:01:00 to 08:02:00 widens to 08:00 to 08:15: u1, u2, u4, u6 and u7 of s4
    var range =
        new Filter(
            Instant.parse("2026-11-02T08:01:00Z"),
            Instant.parse("2026-11-02T08:02:00Z"),
            null,
            null,
            null,
            null);
    assertThat(lines(compute(ReportName.ERRORS, range, 0)))
        .extracting(line -> line.substring(0, line.indexOf('|', line.indexOf('|') + 1)))
        .containsExactly(
            "Bash|command not found",
            "Bash|interrupted",
            "Edit|edit target not found",
            "Read|not found");
    // t5 (s1, 1 November) is out of range: the interrupted signature has 1 session in it
    assertThat(lines(compute(ReportName.ERRORS, range, 0)).get(1))
        .startsWith("Bash|interrupted||1|1|2026-11-02T08:05:00Z|2026-11-02T08:05:00Z");
    // from 2 November on: u6 but not t5
    var secondDay = new Filter(Instant.parse("2026-11-02T00:00:00Z"), null, null, null, null, null);
    assertThat(lines(compute(ReportName.ERRORS, secondDay, 0)))
        .filteredOn(line -> line.startsWith("Bash|interrupted"))
        .singleElement()
        .asString()
        .startsWith("Bash|interrupted||1|1|");
    var alpha = new Filter(null, null, "alpha", null, null, null);
    assertThat(lines(compute(ReportName.ERRORS, alpha, 0)))
        .filteredOn(line -> line.startsWith("Bash|interrupted"))
        .singleElement()
        .asString()
        .startsWith("Bash|interrupted||1|1|2026-11-01T02:30:00Z|2026-11-01T02:30:00Z||s1");
    var beta = new Filter(null, null, "beta", null, null, null);
    assertThat(compute(ReportName.ERRORS, beta, 0).rows()).isEmpty();
  }

  @Test
  void recoveryCountsEpisodesByOutcomeOverallPerToolAndPerSignature() throws IOException {
    var recovery = compute(ReportName.RECOVERY, Filter.NONE, 0);
    assertThat(lines(recovery))
        .containsExactly(
            // s4's Bash episode recovered (2 attempts, 23 s), a.py's interrupted, Read's
            // unrecovered; open: s4's Grep (q2 has not ended) and s1's Bash t3 (no turn known,
            // and no later turn to end it)
            "all||||3|1|1|1|2|0.333333|2|23000|23000",
            "tool|Bash|||1|1|0|0|1|1|2|23000|23000",
            "tool|Edit|||1|0|0|1|0|0|||",
            "tool|Read|||1|0|1|0|0|0|||",
            "tool|Grep|||0|0|0|0|1||||",
            "signature|Bash|command not found|bash: foo: command not found|1|1|0|0|0|1|2|23000"
                + "|23000",
            "signature|Edit|edit target not found|String to replace not found in file.|1|0|0|1"
                + "|0|0|||",
            "signature|Read|not found|File does not exist.|1|0|1|0|0|0|||",
            "signature|Bash|other|exit <n>|0|0|0|0|1||||",
            "signature|Grep|syntax/parse error|rg: regex parse error:|0|0|0|0|1||||");
  }

  @Test
  void flowListsTurnsLatestFirstWithTheirSums() throws IOException {
    var flow = compute(ReportName.FLOW, S4, 0);
    assertThat(lines(flow))
        .containsExactly(
            // q2: no Stop yet, so no wall time; u8 1 s, model 08:21:01 to 08:21:30
            "s4|q2|2026-11-02T08:20:00Z||1000|29000|0||1||0|600000",
            "s4|q1|2026-11-02T08:00:00Z|600000|21100|55000|30000|493900|7|0.7|1|");
    assertThat(flow.total())
        .containsExactly(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(600_000L),
            Value.count(22_100L),
            Value.count(84_000L),
            Value.count(30_000L),
            Value.count(493_900L),
            Value.count(8),
            // q2 has no wall time: 7 calls in q1's 10 minutes
            Value.decimal(0.7),
            Value.count(1),
            Value.count(600_000L));
    var latest = compute(ReportName.FLOW, S4, 1);
    assertThat(latest.rows()).hasSize(1);
    assertThat(latest.notes())
        .containsExactly(
            "The total line sums all 2 turns in the range; the table lists the latest 1 (--limit).");
  }

  @Test
  void recoveryWritesNestedTablesInJsonAndUnderTheValuesInTheTable() throws IOException {
    var recovery = compute(ReportName.RECOVERY, S4, 0);
    var json = new StringWriter();
    new JsonOutput(json).result(recovery);
    assertThat(json.toString())
        .contains("\"episodes\": 3,")
        .contains(
            """
              "p95_recovery_ms": 23000,
              "by_tool": [{
                "tool": "Bash",
                "episodes": 1,
            """)
        .contains(
            """
              }, {
                "tool": "Grep",
                "episodes": 0,
            """)
        .endsWith("  }]\n}\n");
    var table = new StringWriter();
    new TableOutput(table, false, UTC).result(recovery);
    assertThat(table.toString())
        .contains("Recovery rate")
        .contains("\nBy tool\nTool ")
        .contains("\nBy signature of the first failure\n");
    assertThat(table.toString().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(101));
  }
}
