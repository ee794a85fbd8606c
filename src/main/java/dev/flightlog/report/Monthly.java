package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.store.Reads;
import java.time.YearMonth;
import java.util.List;

/**
 * {@code report monthly}: the days of {@code report daily} grouped into calendar months in the
 * query's time zone ({@code month}, YYYY-MM). A month cut by the range counts only its days in
 * range.
 */
final class Monthly {
  private Monthly() {}

  static final List<Column> COLUMNS = Daily.columns(Column.of("month", "Month", TEXT));

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    return Daily.byPeriod(
        reads,
        prices,
        query,
        COLUMNS,
        day -> day.withDayOfMonth(1),
        first -> Value.text(YearMonth.from(first).toString()),
        "Months are in " + query.zone().getId() + ".");
  }
}
