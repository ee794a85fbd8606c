package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One data point of an OTLP sum or gauge metric. Natural key: agent + metric name + series (the
 * point's attributes) + time, so a point exported twice is stored once. Cumulative points are kept
 * as reported; their increments, with counter resets detected, are derived when read (see
 * RATIONALE.md, "Metric points").
 *
 * @param sessionId the point's {@code session.id} attribute, or the empty string
 * @param series the point's attributes as canonical JSON (keys sorted), {@code {}} when none
 * @param startedAt the start of the point's aggregation window, when given
 */
public record MetricPointFact(
    Agent agent,
    String sessionId,
    String name,
    String series,
    @Nullable String unit,
    Temporality temporality,
    @Nullable Instant startedAt,
    Instant at,
    double value,
    Channel channel)
    implements Fact {

  /** How a point's value relates to the previous point of its series. */
  public enum Temporality {
    /** The increment since the previous point. */
    DELTA("delta"),
    /** The running total since {@code startedAt}; a smaller value than before means a reset. */
    CUMULATIVE("cumulative"),
    /** An instantaneous reading. */
    GAUGE("gauge");

    private final String wireName;

    Temporality(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public MetricPointFact {
    Keys.require("name", name);
    Keys.require("series", series);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metric " + name + " has a non-finite value " + value);
    }
  }
}
