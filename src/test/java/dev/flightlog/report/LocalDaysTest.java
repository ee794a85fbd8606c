package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.Store;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local days where the day rollups need corrections: a day that starts at 18:30 UTC (Asia/Kolkata,
 * +05:30) and the days daylight saving time starts and ends in Europe/Berlin and
 * America/Los_Angeles (23 and 25 hours long). Marker records, each of its own model or tool, sit on
 * both sides of each local midnight and transition, among filler records every five hours from
 * March to December 2026, so that every marker's day is read from the day rollup and its
 * corrections. Each marker is pinned to its hand-worked date, and every report sum is compared with
 * a brute-force computation from the raw rows (see {@link BruteForce}).
 */
class LocalDaysTest {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  /** Marker name, its time, and the local date it belongs to in its zone. */
  private record Marker(String name, String at, ZoneId zone, String date) {}

  private static final List<Marker> MARKERS =
      List.of(
          // Kolkata: 2 November starts at 2026-11-01T18:30Z
          new Marker("kolkata-1", "2026-11-01T18:29:59.999Z", KOLKATA, "2026-11-01"),
          new Marker("kolkata-2", "2026-11-01T18:30:00Z", KOLKATA, "2026-11-02"),
          new Marker("kolkata-3", "2026-11-02T18:29:00Z", KOLKATA, "2026-11-02"),
          // Berlin leaves summer time at 2026-10-25T01:00Z: 25 October is 22:00Z to 23:00Z
          new Marker("berlin-1", "2026-10-24T21:59:59Z", BERLIN, "2026-10-24"),
          new Marker("berlin-2", "2026-10-24T22:00:00Z", BERLIN, "2026-10-25"),
          new Marker("berlin-3", "2026-10-25T00:59:59Z", BERLIN, "2026-10-25"),
          new Marker("berlin-4", "2026-10-25T01:00:00Z", BERLIN, "2026-10-25"),
          new Marker("berlin-5", "2026-10-25T22:59:59Z", BERLIN, "2026-10-25"),
          new Marker("berlin-6", "2026-10-25T23:00:00Z", BERLIN, "2026-10-26"),
          // Berlin enters summer time at 2026-03-29T01:00Z: 29 March is 23:00Z to 22:00Z
          new Marker("berlin-7", "2026-03-28T22:59:59Z", BERLIN, "2026-03-28"),
          new Marker("berlin-8", "2026-03-28T23:00:00Z", BERLIN, "2026-03-29"),
          new Marker("berlin-9", "2026-03-29T21:59:59Z", BERLIN, "2026-03-29"),
          new Marker("berlin-10", "2026-03-29T22:00:00Z", BERLIN, "2026-03-30"),
          // Los Angeles leaves summer time at 2026-11-01T09:00Z: 1 November is 07:00Z to 08:00Z
          new Marker("la-1", "2026-11-01T06:59:59Z", LOS_ANGELES, "2026-10-31"),
          new Marker("la-2", "2026-11-01T07:00:00Z", LOS_ANGELES, "2026-11-01"),
          new Marker("la-3", "2026-11-01T08:59:59Z", LOS_ANGELES, "2026-11-01"),
          new Marker("la-4", "2026-11-01T09:00:00Z", LOS_ANGELES, "2026-11-01"),
          new Marker("la-5", "2026-11-02T07:59:59Z", LOS_ANGELES, "2026-11-01"),
          new Marker("la-6", "2026-11-02T08:00:00Z", LOS_ANGELES, "2026-11-02"),
          // Los Angeles enters summer time at 2026-03-08T10:00Z: 8 March is 08:00Z to 07:00Z
          new Marker("la-7", "2026-03-08T07:59:59Z", LOS_ANGELES, "2026-03-07"),
          new Marker("la-8", "2026-03-08T08:00:00Z", LOS_ANGELES, "2026-03-08"),
          new Marker("la-9", "2026-03-09T06:59:59Z", LOS_ANGELES, "2026-03-08"),
          new Marker("la-10", "2026-03-09T07:00:00Z", LOS_ANGELES, "2026-03-09"));

  private static final Instant FILLER_START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant FILLER_END = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir static Path dir;

  private static Path file() {
    return dir.resolve("days.db");
  }

  @BeforeAll
  static void world() {
    var facts = new ArrayList<Fact>();
    int n = 0;
    for (var at = FILLER_START; at.isBefore(FILLER_END); at = at.plus(Duration.ofMinutes(305))) {
      var project = n % 3 == 0 ? Fixture.ALPHA : Fixture.BETA;
      facts.add(request("filler-" + n, "filler", at, n % 7 == 0 ? 0.01 : null, project));
      facts.add(toolCall("filler-" + n, "Bash", at, project));
      n++;
    }
    for (var marker : MARKERS) {
      facts.add(request(marker.name(), marker.name(), Instant.parse(marker.at()), null, "/p/m"));
      facts.add(toolCall(marker.name(), marker.name(), Instant.parse(marker.at()), "/p/m"));
    }
    try (var store = Fixture.open(file())) {
      store.write(List.of(Fixture.batch(facts)));
    }
  }

  private static Fact request(
      String id, String model, Instant at, @Nullable Double cost, String project) {
    return Fixture.request(
        "s1",
        id,
        model,
        at.toString(),
        new Usage(id.length() * 100L, 10, 1000, 50, 5),
        cost,
        project,
        cost == null ? Channel.TRANSCRIPT : Channel.OTLP);
  }

  private static Fact toolCall(String id, String tool, Instant at, String project) {
    return Fixture.toolCall(
        "s1",
        "t-" + id,
        tool,
        ToolStatus.OK,
        null,
        at.toString(),
        at.plusSeconds(1).toString(),
        null,
        project,
        Channel.TRANSCRIPT);
  }

  @Test
  void eachMarkerCountsOnItsLocalDate() {
    try (var store = Fixture.open(file())) {
      for (var zone : List.of(KOLKATA, BERLIN, LOS_ANGELES)) {
        var usage = new TreeMap<String, String>();
        for (var row : store.reads().usage(Filter.NONE, Grouping.days(zone))) {
          if (row.usage().model().startsWith(prefix(zone))) {
            usage.put(
                row.usage().model(),
                LocalDate.ofEpochDay(row.period()) + " " + row.usage().requests());
          }
        }
        var tools = new TreeMap<String, String>();
        for (var row : store.reads().tools(Filter.NONE, Grouping.days(zone))) {
          if (row.tool().startsWith(prefix(zone))) {
            tools.put(row.tool(), LocalDate.ofEpochDay(row.period()) + " " + row.calls());
          }
        }
        var expected = new TreeMap<String, String>();
        for (var marker : MARKERS) {
          if (marker.zone().equals(zone)) {
            expected.put(marker.name(), marker.date() + " 1");
          }
        }
        assertThat(usage).as("usage in %s", zone).isEqualTo(expected);
        assertThat(tools).as("tools in %s", zone).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyDayEqualsTheRawRowsInEveryZone() throws SQLException {
    for (var zone : List.of("UTC", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles")) {
      compare(Filter.NONE, Grouping.days(ZoneId.of(zone)), zone + ", all time");
    }
  }

  @Test
  void rangesOfLocalDaysAndOfQuarterHoursEqualTheRawRows() throws SQLException {
    for (var zone : List.of(KOLKATA, BERLIN, LOS_ANGELES)) {
      var days =
          range(
              LocalDate.of(2026, 10, 20).atStartOfDay(zone).toInstant(),
              LocalDate.of(2026, 11, 5).atStartOfDay(zone).toInstant());
      compare(days, Grouping.days(zone), zone + ", 20 October to 4 November");
      compare(days, Grouping.TOTAL, zone + ", total of 20 October to 4 November");
      // edges inside quarter hours, widened to them
      var odd = range(Instant.parse("2026-03-07T13:07:00Z"), Instant.parse("2026-11-01T18:31:00Z"));
      compare(odd, Grouping.days(zone), zone + ", odd edges");
      compare(odd, Grouping.TOTAL, "total, odd edges");
      var project = new Filter(null, null, "alpha", null, "filler", null);
      compare(project, Grouping.days(zone), zone + ", one project and model");
    }
  }

  private static Filter range(Instant since, Instant until) {
    return new Filter(since, until, null, null, null, null);
  }

  private static String prefix(ZoneId zone) {
    return zone.equals(KOLKATA) ? "kolkata-" : zone.equals(BERLIN) ? "berlin-" : "la-";
  }

  private static void compare(Filter filter, Grouping grouping, String what) throws SQLException {
    try (Store store = Fixture.open(file())) {
      BruteForce.same(
          BruteForce.of(store.reads().usage(filter, grouping)),
          BruteForce.usage(file(), filter, grouping),
          "usage, " + what);
      BruteForce.same(
          BruteForce.ofTools(store.reads().tools(filter, grouping)),
          BruteForce.tools(file(), filter, grouping),
          "tools, " + what);
    }
  }
}
