package dev.flightlog.report;

import dev.flightlog.store.Filter;
import java.time.ZoneId;

/**
 * What a report is asked for: the records to consider, the time zone of its days and times, how
 * many rows a list report shows at most (0 = all), and whether a report of periods has one row per
 * period and model ({@code --breakdown}) instead of one per period.
 */
public record ReportQuery(Filter filter, ZoneId zone, int limit, boolean breakdown) {
  public ReportQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("the limit cannot be negative: " + limit);
    }
  }

  /** A query without the breakdown by model. */
  public ReportQuery(Filter filter, ZoneId zone, int limit) {
    this(filter, zone, limit, false);
  }
}
