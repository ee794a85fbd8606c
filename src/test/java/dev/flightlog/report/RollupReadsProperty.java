package dev.flightlog.report;

import dev.flightlog.Fact;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Grouping;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * Whatever levels the rollup reads combine — blocks, days, hours of the day, quarter hours, and the
 * corrections that turn UTC days into local days — they give what the raw rows give, computed
 * record by record ({@link BruteForce}): for any facts, in zones with whole-hour, half-hour and
 * three-quarter-hour offsets on either side of UTC, across daylight saving transitions (Berlin's
 * and Los Angeles's in March and October/November, Lord Howe's half-hour one), over any range —
 * unbounded, given as local days, or with edges inside quarter hours — and any filter.
 */
class RollupReadsProperty {

  /** Where the facts' times fall: around transitions, and a long span for the 32-day blocks. */
  private record Window(Instant start, Duration span) {}

  private record World(Window window, List<List<Fact>> deliveries) {}

  private static final List<Window> WINDOWS =
      List.of(
          new Window(Instant.parse("2026-10-20T00:00:00Z"), Duration.ofDays(12)),
          new Window(Instant.parse("2026-03-04T00:00:00Z"), Duration.ofDays(30)),
          new Window(Instant.parse("2026-10-29T00:00:00Z"), Duration.ofDays(6)),
          new Window(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(200)));

  @Provide
  Arbitrary<World> worlds() {
    return Arbitraries.of(WINDOWS)
        .flatMap(
            window ->
                RandomFacts.deliveries(window.start(), window.span(), 80, 32)
                    .map(deliveries -> new World(window, deliveries)));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "UTC",
            "Europe/Berlin",
            "America/Los_Angeles",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Pacific/Auckland",
            "Pacific/Chatham",
            "America/St_Johns",
            "Australia/Lord_Howe",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago")
        .map(ZoneId::of);
  }

  /** Where a range edge is, as a fraction of the window in thousandths; null for unbounded. */
  @Provide
  Arbitrary<@Nullable Integer> edges() {
    return Arbitraries.integers().between(-50, 1050).injectNull(0.3);
  }

  @Provide
  Arbitrary<@Nullable String> projects() {
    return Arbitraries.of("alpha", "/p/beta", "").map(p -> p.isEmpty() ? null : p);
  }

  @Provide
  Arbitrary<@Nullable String> models() {
    return Arbitraries.of("claude-opus-5-5", "").map(m -> m.isEmpty() ? null : m);
  }

  @Property(tries = 150)
  void rollupReadsEqualTheRawRows(
      @ForAll("worlds") World world,
      @ForAll("zones") ZoneId zone,
      @ForAll("edges") @Nullable Integer since,
      @ForAll("edges") @Nullable Integer until,
      @ForAll boolean localMidnights,
      @ForAll("projects") @Nullable String project,
      @ForAll("models") @Nullable String model)
      throws SQLException {
    var from = edge(world.window(), since, zone, localMidnights);
    var to = edge(world.window(), until, zone, localMidnights);
    if (from != null && to != null && !from.isBefore(to)) {
      to = from.plus(Duration.ofHours(1));
    }
    var filter = new Filter(from, to, project, null, model, null);
    var dir = RandomFacts.directory();
    try {
      var file = dir.resolve("p.db");
      try (var store = Fixture.open(file)) {
        RandomFacts.write(store, world.deliveries());
        for (var grouping : List.of(Grouping.TOTAL, Grouping.days(zone), Grouping.BUCKETS)) {
          var what = grouping + " " + filter;
          BruteForce.same(
              BruteForce.of(store.reads().usage(filter, grouping)),
              BruteForce.usage(file, filter, grouping),
              "usage " + what);
          BruteForce.same(
              BruteForce.ofTools(store.reads().tools(filter, grouping)),
              BruteForce.tools(file, filter, grouping),
              "tools " + what);
        }
      }
    } finally {
      RandomFacts.delete(dir);
    }
  }

  private static @Nullable Instant edge(
      Window window, @Nullable Integer thousandths, ZoneId zone, boolean localMidnight) {
    if (thousandths == null) {
      return null;
    }
    var at = window.start().plusSeconds(window.span().toSeconds() * thousandths / 1000);
    return localMidnight ? LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant() : at;
  }
}
