package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Fact;
import dev.flightlog.store.DurationHistogram;
import dev.flightlog.store.Filter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * The duration histograms the store keeps by triggers and reads from blocks and raw rows are, for
 * any facts (re-delivered, completed late, changing status, time and project) and any filter, the
 * histograms of the raw rows recomputed here record by record by the definition of docs/metrics.md
 * ("Tool durations"), and so are the p50 and p95 of the tools report.
 */
class DurationHistogramProperty {

  private record World(Instant start, Duration span, List<List<Fact>> deliveries) {}

  @Provide
  Arbitrary<World> worlds() {
    // A long window, so that ranges hold whole 32-day blocks, and a short one.
    return Arbitraries.of(Duration.ofDays(200), Duration.ofDays(3))
        .flatMap(
            span ->
                RandomFacts.deliveries(Instant.parse("2026-01-01T00:00:00Z"), span, 80, 32)
                    .map(d -> new World(Instant.parse("2026-01-01T00:00:00Z"), span, d)));
  }

  @Provide
  Arbitrary<@Nullable Integer> edges() {
    return Arbitraries.integers().between(-50, 1050).injectNull(0.4);
  }

  @Provide
  Arbitrary<@Nullable String> projects() {
    return Arbitraries.of("alpha", "/p/beta", "").map(p -> p.isEmpty() ? null : p);
  }

  @Provide
  Arbitrary<@Nullable String> sessions() {
    return Arbitraries.of("s1", "").map(s -> s.isEmpty() ? null : s);
  }

  @Provide
  Arbitrary<@Nullable String> agents() {
    return Arbitraries.of("claude", "codex", "").map(a -> a.isEmpty() ? null : a);
  }

  @Property(tries = 120)
  void histogramsAndPercentilesEqualTheRawRows(
      @ForAll("worlds") World world,
      @ForAll("edges") @Nullable Integer since,
      @ForAll("edges") @Nullable Integer until,
      @ForAll("projects") @Nullable String project,
      @ForAll("sessions") @Nullable String session,
      @ForAll("agents") @Nullable String agent)
      throws SQLException {
    var from = edge(world, since);
    var to = edge(world, until);
    if (from != null && to != null && !from.isBefore(to)) {
      to = from.plus(Duration.ofHours(1));
    }
    var filter = new Filter(from, to, project, agent, null, session);
    var dir = RandomFacts.directory();
    try {
      var file = dir.resolve("d.db");
      try (var store = Fixture.open(file)) {
        RandomFacts.write(store, world.deliveries());
        var expected = recount(file, filter);
        var actual = store.reads().durationHistograms(filter);
        var byTool = new TreeMap<String, DurationHistogram>();
        expected.forEach((tool, durations) -> byTool.put(tool, DurationHistogram.of(durations)));
        assertThat(actual).as("%s", filter).isEqualTo(byTool);
        for (var entry : expected.entrySet()) {
          var binned =
              Arrays.stream(entry.getValue()).map(DurationHistogram::bin).sorted().toArray();
          var histogram = Objects.requireNonNull(actual.get(entry.getKey()));
          for (int percent : new int[] {1, 50, 95, 100}) {
            int rank = (int) Math.max(1, Math.ceil(percent * binned.length / 100.0));
            assertThat(Percentiles.nearestRank(histogram, percent))
                .as("p%d of %s", percent, entry.getKey())
                .isEqualTo(binned[rank - 1]);
          }
        }
      }
    } finally {
      RandomFacts.delete(dir);
    }
  }

  /**
   * The durations of the finished calls with one that {@code filter} selects, per tool, from the
   * raw columns: a call's time is its start, else its end, else unknown (0), and it counts when its
   * quarter hour is in the filter's range; its duration is the measured one, else end − start when
   * the end is not before the start.
   */
  private static Map<String, long[]> recount(Path file, Filter filter) throws SQLException {
    var durations = new HashMap<String, long[]>();
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                """
                SELECT agent, session_id, project, COALESCE(tool, ''), status, started_at,
                       ended_at, measured_ms
                  FROM tool_calls
                """)) {
      while (rows.next()) {
        var started = nullable(rows.getLong(6), rows.wasNull());
        var ended = nullable(rows.getLong(7), rows.wasNull());
        var measured = nullable(rows.getLong(8), rows.wasNull());
        long time = started != null ? started : ended != null ? ended : 0;
        long bucket = Math.floorDiv(time, Filter.BUCKET_MS);
        var project = rows.getString(3);
        var wanted = filter.project();
        Long duration =
            measured != null
                ? measured
                : started != null && ended != null && ended >= started ? ended - started : null;
        if (rows.getString(5).equals("pending")
            || duration == null
            || bucket < filter.sinceBucket()
            || bucket >= filter.untilBucket()
            || (filter.agent() != null && !rows.getString(1).equals(filter.agent()))
            || (filter.session() != null && !rows.getString(2).equals(filter.session()))
            || (wanted != null && !project.equals(wanted) && !project.endsWith("/" + wanted))) {
          continue;
        }
        durations.merge(
            rows.getString(4),
            new long[] {duration},
            (a, b) -> {
              var both = Arrays.copyOf(a, a.length + b.length);
              System.arraycopy(b, 0, both, a.length, b.length);
              return both;
            });
      }
    }
    return durations;
  }

  private static @Nullable Long nullable(long value, boolean wasNull) {
    return wasNull ? null : value;
  }

  private static @Nullable Instant edge(World world, @Nullable Integer thousandths) {
    return thousandths == null
        ? null
        : world.start().plusSeconds(world.span().toSeconds() * thousandths / 1000);
  }
}
