package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightlog.Fact;
import dev.flightlog.store.Filter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Weekly, monthly, daily, projects and models add up to the overview over the same range, in any
 * zone, for any facts: tokens and requests exactly, the cost to a billionth of a dollar, unknown
 * exactly when the overview's is. Blocks add up to the requests whose time is known (daily's rows
 * with a date). Projects also add up to the overview's sessions, prompts and tool calls.
 */
class PeriodTotalsProperty {

  private static final List<String> TOKENS =
      List.of(
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_creation_tokens",
          "total_tokens");

  @Provide
  Arbitrary<List<List<Fact>>> deliveries() {
    return RandomFacts.deliveries();
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "UTC", "Asia/Kolkata", "America/Los_Angeles", "Asia/Kathmandu", "Pacific/Chatham")
        .map(ZoneId::of);
  }

  @Provide
  Arbitrary<@Nullable Integer> starts() {
    return Arbitraries.integers().between(-1, 11).injectNull(0.4);
  }

  @Property(tries = 40)
  void periodsProjectsAndModelsAddUpToTheOverview(
      @ForAll("deliveries") List<List<Fact>> deliveries,
      @ForAll("zones") ZoneId zone,
      @ForAll("starts") @Nullable Integer since) {
    var dir = RandomFacts.directory();
    try (var store = Fixture.open(dir.resolve("p.db"))) {
      RandomFacts.write(store, deliveries);
      var from =
          since == null
              ? null
              : LocalDate.of(2026, 10, 30).plusDays(since).atStartOfDay(zone).toInstant();
      var query = new ReportQuery(new Filter(from, null, null, null, null, null), zone, 0);
      var reports = new Reports(store.reads(), PriceTable.builtIn());
      var overview = reports.compute(ReportName.OVERVIEW, query);
      var daily = reports.compute(ReportName.DAILY, query);
      for (var report :
          List.of(ReportName.DAILY, ReportName.WEEKLY, ReportName.MONTHLY, ReportName.PROJECTS)) {
        var result = reports.compute(report, query);
        for (var column : TOKENS) {
          assertThat(sum(result, column))
              .as("%s %s", report, column)
              .isEqualTo(one(overview, column));
        }
        var requests = report == ReportName.PROJECTS ? "model_requests" : "requests";
        assertThat(sum(result, requests))
            .as("%s", report)
            .isEqualTo(one(overview, "model_requests"));
        assertCost(result, overview);
      }
      var models = reports.compute(ReportName.MODELS, query);
      assertThat(sum(models, "requests")).isEqualTo(one(overview, "model_requests"));
      assertThat(sum(models, "total_tokens")).isEqualTo(one(overview, "total_tokens"));
      assertThat(
              sum(models, "agent_cost_requests")
                  + sum(models, "price_table_requests")
                  + sum(models, "cost_state_requests")
                  + sum(models, "unpriced_requests"))
          .isEqualTo(one(overview, "model_requests"));
      assertCost(models, overview);

      var projects = reports.compute(ReportName.PROJECTS, query);
      for (var column : List.of("sessions", "prompts", "tool_calls", "tool_errors")) {
        assertThat(sum(projects, column)).as(column).isEqualTo(one(overview, column));
      }

      var blocks = reports.compute(ReportName.BLOCKS, query);
      long timed = 0;
      long timedTokens = 0;
      for (int row = 0; row < daily.rows().size(); row++) {
        if (!(daily.rows().get(row).getFirst() instanceof Value.Unknown)) {
          timed += count(daily, row, "requests");
          timedTokens += count(daily, row, "total_tokens");
        }
      }
      assertThat(sum(blocks, "requests")).isEqualTo(timed);
      assertThat(sum(blocks, "total_tokens")).isEqualTo(timedTokens);
    } finally {
      RandomFacts.delete(dir);
    }
  }

  /** A report's costs add up to the overview's, and one is unknown exactly when it is. */
  private static void assertCost(Result result, Result overview) {
    var total = usd(overview, 0);
    boolean anyUnknown = false;
    var known = BigDecimal.ZERO;
    for (int row = 0; row < result.rows().size(); row++) {
      var cost = usd(result, row);
      if (cost == null) {
        anyUnknown = true;
      } else {
        known = known.add(cost);
      }
    }
    assertThat(anyUnknown).isEqualTo(total == null);
    if (total != null) {
      assertThat(known.doubleValue()).isCloseTo(total.doubleValue(), within(1e-9));
    }
  }

  private static int index(Result result, String column) {
    for (int i = 0; i < result.columns().size(); i++) {
      if (result.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + column);
  }

  private static long count(Result result, int row, String column) {
    return ((Value.Count) result.rows().get(row).get(index(result, column))).count();
  }

  private static long one(Result overview, String column) {
    return count(overview, 0, column);
  }

  private static long sum(Result result, String column) {
    long sum = 0;
    for (int row = 0; row < result.rows().size(); row++) {
      sum += count(result, row, column);
    }
    return sum;
  }

  private static @Nullable BigDecimal usd(Result result, int row) {
    return switch (result.rows().get(row).get(index(result, "cost_usd"))) {
      case Value.Usd(var usd) -> usd;
      default -> null;
    };
  }
}
