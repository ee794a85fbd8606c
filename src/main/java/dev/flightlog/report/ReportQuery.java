package dev.flightlog.report;

import dev.flightlog.store.Filter;
import java.time.ZoneId;

/**
 * What a report is asked for: the records to consider, the time zone of its days and times, and how
 * many rows a list report shows at most (0 = all).
 */
public record ReportQuery(Filter filter, ZoneId zone, int limit) {
  public ReportQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("the limit cannot be negative: " + limit);
    }
  }
}
