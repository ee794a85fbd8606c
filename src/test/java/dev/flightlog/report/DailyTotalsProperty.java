package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightlog.Fact;
import dev.flightlog.store.Filter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * The days of {@code report daily} add up to {@code report overview} over the same range, in any
 * zone (including offsets of half and three quarters of an hour and daylight saving time), for any
 * facts: tokens and requests exactly, the cost to a billionth of a dollar (the store sums floating
 * point figures in another order), and a day's cost is unknown exactly when the total is.
 */
class DailyTotalsProperty {

  @Provide
  Arbitrary<List<List<Fact>>> deliveries() {
    return RandomFacts.deliveries();
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "UTC",
            "Asia/Kolkata",
            "America/Los_Angeles",
            "Asia/Kathmandu",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "America/St_Johns")
        .map(ZoneId::of);
  }

  @Provide
  Arbitrary<@Nullable Integer> starts() {
    return Arbitraries.integers().between(-1, 11).injectNull(0.4);
  }

  @Provide
  Arbitrary<@Nullable Integer> lengths() {
    return Arbitraries.integers().between(0, 11).injectNull(0.4);
  }

  @Property(tries = 60)
  void dailyTotalsAreTheOverviewTotals(
      @ForAll("deliveries") List<List<Fact>> deliveries,
      @ForAll("zones") ZoneId zone,
      @ForAll("starts") @Nullable Integer since,
      @ForAll("lengths") @Nullable Integer length) {
    var dir = RandomFacts.directory();
    try (var store = Fixture.open(dir.resolve("p.db"))) {
      RandomFacts.write(store, deliveries);
      var first = LocalDate.of(2026, 10, 30);
      var from = since == null ? null : first.plusDays(since).atStartOfDay(zone).toInstant();
      var to =
          length == null
              ? null
              : first
                  .plusDays((since == null ? 0 : since) + 1 + length)
                  .atStartOfDay(zone)
                  .toInstant();
      var filter = new Filter(from, to, null, null, null, null);
      var query = new ReportQuery(filter, zone, 0);
      var reports = new Reports(store.reads(), PriceTable.builtIn());
      var overview = reports.compute(ReportName.OVERVIEW, query);
      var daily = reports.compute(ReportName.DAILY, query);

      for (var column :
          List.of(
              "input_tokens",
              "output_tokens",
              "cache_read_tokens",
              "cache_creation_tokens",
              "total_tokens")) {
        assertThat(sum(daily, column)).as(column).isEqualTo(count(overview, 0, column));
      }
      assertThat(sum(daily, "requests")).isEqualTo(count(overview, 0, "model_requests"));

      var total = usd(overview, 0);
      boolean anyUnknown = false;
      var known = BigDecimal.ZERO;
      var unpriced = new TreeSet<String>();
      for (int row = 0; row < daily.rows().size(); row++) {
        var cost = usd(daily, row);
        if (cost == null) {
          anyUnknown = true;
        } else {
          known = known.add(cost);
        }
        unpriced.addAll(names(daily, row, "unpriced_models"));
      }
      assertThat(anyUnknown).isEqualTo(total == null);
      if (total != null) {
        assertThat(known.doubleValue()).isCloseTo(total.doubleValue(), within(1e-9));
      }
      assertThat(unpriced).containsExactlyElementsOf(names(overview, 0, "unpriced_models"));
    } finally {
      RandomFacts.delete(dir);
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

  private static List<String> names(Result result, int row, String column) {
    return ((Value.Names) result.rows().get(row).get(index(result, column))).names();
  }
}
