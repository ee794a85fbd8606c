package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.DATE;

import dev.flightlog.store.Reads;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * {@code report weekly}: the days of {@code report daily} grouped into ISO weeks, Monday to Sunday
 * in the query's time zone, each labelled by its Monday ({@code week}, YYYY-MM-DD). A week cut by
 * the range counts only its days in range.
 */
final class Weekly {
  private Weekly() {}

  static final List<Column> COLUMNS = Daily.columns(Column.of("week", "Week", DATE));

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    return Daily.byPeriod(
        reads,
        prices,
        query,
        COLUMNS,
        day -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
        Value.Day::new,
        "Weeks start on Monday in " + query.zone().getId() + "; a week is labelled by its Monday.");
  }
}
