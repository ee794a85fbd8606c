package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.store.Batch;
import dev.flightlog.store.DurationHistogram;
import dev.flightlog.store.Filter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duration bins and percentiles on values checked by hand (docs/metrics.md, "Tool durations"). */
class DurationPercentilesTest {

  @TempDir Path dir;

  /** Durations and their bins: rounded down to three significant digits, exact below 1,000. */
  private static final long[][] BINS = {
    {0, 0},
    {999, 999},
    {1_000, 1_000},
    {1_234, 1_230},
    {1_239, 1_230},
    {2_500, 2_500},
    {9_999, 9_990},
    {98_765, 98_700},
    {100_999, 100_000},
    {123_456_789, 123_000_000},
    {9_876_543_210_123L, 9_870_000_000_000L},
  };

  @Test
  void aBinIsTheDurationRoundedDownToThreeSignificantDigitsInJavaAndSql() throws Exception {
    assertThat(DurationHistogram.bin(-5)).isEqualTo(-5); // below 1,000: itself
    assertThat(DurationHistogram.bin(Long.MAX_VALUE)).isEqualTo(9_220_000_000_000_000_000L);
    var facts = new ArrayList<Fact>();
    for (int i = 0; i < BINS.length; i++) {
      assertThat(DurationHistogram.bin(BINS[i][0]))
          .as("bin of %d", BINS[i][0])
          .isEqualTo(BINS[i][1]);
      facts.add(call("t" + i, "Bash", Instant.parse("2026-11-01T10:00:00Z"), BINS[i][0]));
    }
    var file = dir.resolve("bins.db");
    try (var store = Fixture.open(file)) {
      store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    }
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT measured_ms, duration_bin FROM tool_calls ORDER BY CAST(substr(tool_use_id, 2) AS INTEGER)")) {
      for (var bin : BINS) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(bin[0]);
        assertThat(rows.getLong(2)).as("SQL bin of %d", bin[0]).isEqualTo(bin[1]);
      }
    }
  }

  @Test
  void percentilesAreTheNearestRankOfTheBinnedDurationsFromBlocksAndEdgesAlike() {
    // Six Bash calls: 40, 1,000, 1,234, 1,239, 2,500 and 98,765 ms, binned 40, 1,000, 1,230,
    // 1,230, 2,500 and 98,700. p50: rank ⌈0.50 × 6⌉ = 3 → 1,230 (the exact value 1,234 is 0.3 %
    // above). p95: rank ⌈0.95 × 6⌉ = ⌈5.7⌉ = 6 → 98,700. Two more calls do not count: one pending,
    // and one in a quarter hour outside the ranges below.
    // The calls lie 40 to 200 days after 2026-01-01, so an unbounded range reads the whole 32-day
    // blocks from the histogram table and a range from 2026-02-20 reads its first days raw.
    var start = Instant.parse("2026-01-01T00:00:00Z");
    var durations = new long[] {40, 1_000, 1_234, 1_239, 2_500, 98_765};
    var facts = new ArrayList<Fact>();
    for (int i = 0; i < durations.length; i++) {
      facts.add(call("b" + i, "Bash", start.plusSeconds(86_400L * (40 + 32 * i)), durations[i]));
    }
    facts.add(
        new ToolCallFact(
            Agent.CLAUDE,
            "p",
            "s",
            "main",
            null,
            "Bash",
            null,
            null,
            ToolStatus.PENDING,
            null,
            null,
            null,
            start.plusSeconds(86_400L * 50),
            null,
            null,
            "/p",
            null,
            Channel.TRANSCRIPT));
    facts.add(call("late", "Bash", Instant.parse("2026-12-30T00:00:00Z"), 5));
    var file = dir.resolve("ranks.db");
    try (var store = Fixture.open(file)) {
      store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
      for (var filter :
          List.of(
              new Filter(null, Instant.parse("2026-12-01T00:00:00Z"), null, null, null, null),
              new Filter(
                  Instant.parse("2026-02-01T00:00:00Z"),
                  Instant.parse("2026-12-01T00:00:00Z"),
                  null,
                  null,
                  null,
                  null),
              new Filter(null, Instant.parse("2026-12-01T00:00:00Z"), "p", null, null, null))) {
        var histograms = store.reads().durationHistograms(filter);
        assertThat(histograms.keySet()).as("%s", filter).containsExactly("Bash");
        var bash = Objects.requireNonNull(histograms.get("Bash"));
        assertThat(bash).hasToString("{40×1, 1000×1, 1230×2, 2500×1, 98700×1}");
        assertThat(Percentiles.nearestRank(bash, 50)).isEqualTo(1_230L);
        assertThat(Percentiles.nearestRank(bash, 95)).isEqualTo(98_700L);
      }
      // The whole year but the last call's quarter hour adds the 5 ms call: 7 calls, p50 rank 4.
      var all = store.reads().durationHistograms(Filter.NONE);
      assertThat(all)
          .isEqualTo(
              Map.of("Bash", DurationHistogram.of(5, 40, 1_000, 1_234, 1_239, 2_500, 98_765)));
      assertThat(Percentiles.nearestRank(Objects.requireNonNull(all.get("Bash")), 50))
          .isEqualTo(1_230L);
    }
  }

  private static Fact call(String id, String tool, Instant started, long measuredMs) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        "s",
        "main",
        null,
        tool,
        null,
        null,
        ToolStatus.OK,
        null,
        null,
        null,
        started,
        started.plusMillis(Math.max(0, measuredMs)),
        measuredMs,
        "/p",
        null,
        Channel.OTLP);
  }
}
