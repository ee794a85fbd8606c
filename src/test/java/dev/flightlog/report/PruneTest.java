package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.Redacted;
import dev.flightlog.SqlRows;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Filter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Store.prune}: what remains reports exactly what a store given only the remaining records
 * reports, rollups and derived tables included.
 */
class PruneTest {

  /** s1 (last seen 03:00) and s2 (12:00) are older; s3 (19:00) and s4 (next day) remain. */
  private static final Instant CUTOFF = Instant.parse("2026-11-01T15:00:00Z");

  private static final Set<String> GONE = Set.of("s1", "s2");

  @TempDir Path dir;

  @Test
  void whatRemainsReportsLikeAStoreOfOnlyTheRemainingRecords() throws Exception {
    var pruned = dir.resolve("pruned.db");
    Fixture.write(pruned);
    try (var store = Fixture.open(pruned)) {
      var dry = store.prune(CUTOFF, true);
      assertThat(dry.sessions()).isEqualTo(2);
      assertThat(SqlRows.of(pruned, "SELECT COUNT(*) FROM sessions")).containsExactly("4");
      var summary = store.prune(CUTOFF, false);
      assertThat(summary.deleted()).isEqualTo(dry.deleted());
      assertThat(summary.describe())
          .isEqualTo(
              "7 tool calls, 3 prompts, 4 model requests, 0 hook payloads, 0 metric points, 2"
                  + " sessions");
      store.compact();
    }
    assertThat(SqlRows.of(pruned, "SELECT session_id FROM sessions ORDER BY 1"))
        .containsExactly("s3", "s4");
    for (var table : List.of("derive_dirty", "session_coverage", "tool_errors", "redactions")) {
      assertThat(
              SqlRows.of(
                  pruned, "SELECT COUNT(*) FROM " + table + " WHERE session_id IN ('s1', 's2')"))
          .as(table)
          .containsExactly("0");
    }
    assertThat(SqlRows.of(pruned, "PRAGMA integrity_check")).containsExactly("ok");

    var fresh = dir.resolve("fresh.db");
    try (var store = Fixture.open(fresh)) {
      store.write(List.of(Fixture.batch(remaining(Fixture.first()))));
      store.write(List.of(Fixture.batch(remaining(Fixture.second()))));
      store.write(List.of(Fixture.batch(remaining(Fixture.third()))));
      store.write(
          List.of(
              new Batch(
                  List.of(),
                  List.of(),
                  List.of(),
                  Fixture.redactions().stream().filter(PruneTest::remains).toList(),
                  null)));
    }
    assertThat(reports(pruned)).isEqualTo(reports(fresh));
    assertThat(reports(pruned).get("overview")).contains("\"sessions\": 2,");
  }

  private static List<Fact> remaining(List<Fact> facts) {
    return facts.stream()
        .filter(
            fact ->
                fact.sessionId().isEmpty()
                    ? switch (fact) {
                      case HookEventFact h -> !h.receivedAt().isBefore(CUTOFF);
                      case MetricPointFact m -> !m.at().isBefore(CUTOFF);
                      default -> true;
                    }
                    : !GONE.contains(fact.sessionId()))
        .toList();
  }

  private static boolean remains(Redacted redacted) {
    return redacted.sessionId().isEmpty()
        ? !redacted.at().isBefore(CUTOFF)
        : !GONE.contains(redacted.sessionId());
  }

  private static Map<String, String> reports(Path file) {
    var reports = new LinkedHashMap<String, String>();
    try (var store = Fixture.open(file)) {
      var all = new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES), store.clock());
      for (var name : ReportName.values()) {
        var filter =
            name == ReportName.SESSION
                ? new Filter(null, null, null, null, null, "s3")
                : Filter.NONE;
        var out = new StringWriter();
        all.write(name, new ReportQuery(filter, ZoneId.of("UTC"), 0), Format.JSON, false, out);
        reports.put(name.wireName(), out.toString());
      }
    }
    return reports;
  }
}
