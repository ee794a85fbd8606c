package dev.flightlog.otlp;

import dev.flightlog.otlp.AnyValue.Attribute;
import java.util.List;

/**
 * The parts of OTLP's export requests flightlog reads, as both readers produce them (field names as
 * in opentelemetry-proto v1). Times are unsigned nanoseconds since the epoch, 0 when unset. {@code
 * offset} is where the element starts in the body, for messages.
 */
final class Wire {

  private Wire() {}

  /** A resource's attributes with the instrumentation scopes under it. */
  record Resource<S>(List<Attribute> attributes, List<S> scopes) {
    Resource {
      attributes = List.copyOf(attributes);
      scopes = List.copyOf(scopes);
    }
  }

  /** One {@code ScopeLogs}: the scope's name and its log records. */
  record ScopeLogs(String scope, List<LogRecord> records) {
    ScopeLogs {
      records = List.copyOf(records);
    }
  }

  /**
   * One {@code LogRecord}.
   *
   * @param eventName the record's {@code event_name} field ("" when unset); Claude Code names its
   *     events in the {@code event.name} attribute instead
   */
  record LogRecord(
      int offset,
      long timeUnixNano,
      long observedTimeUnixNano,
      AnyValue body,
      String eventName,
      List<Attribute> attributes) {
    LogRecord {
      attributes = List.copyOf(attributes);
    }
  }

  /** One {@code ScopeMetrics}: the scope's name and its metrics. */
  record ScopeMetrics(String scope, List<Metric> metrics) {
    ScopeMetrics {
      metrics = List.copyOf(metrics);
    }
  }

  /** Which of {@code Metric}'s data fields is set. */
  enum Kind {
    NONE,
    GAUGE,
    SUM,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }

  /**
   * One {@code Metric}. Number points are read for gauges and sums; of the other kinds only the
   * points are counted.
   *
   * @param temporality {@code aggregation_temporality}: 0 unspecified, 1 delta, 2 cumulative
   * @param otherPoints data points of a histogram, exponential histogram or summary
   */
  record Metric(
      int offset,
      String name,
      String unit,
      Kind kind,
      int temporality,
      boolean monotonic,
      List<NumberPoint> points,
      int otherPoints) {
    Metric {
      points = List.copyOf(points);
    }
  }

  /**
   * One {@code NumberDataPoint}.
   *
   * @param value {@code as_double}, or {@code as_int} as a double; null when neither is set
   * @param flags bit 0 is {@code DATA_POINT_FLAGS_NO_RECORDED_VALUE}
   */
  record NumberPoint(
      int offset,
      List<Attribute> attributes,
      long startTimeUnixNano,
      long timeUnixNano,
      @org.jspecify.annotations.Nullable Double value,
      int flags) {
    NumberPoint {
      attributes = List.copyOf(attributes);
    }
  }

  /** A logs request: its resources. */
  record Logs(List<Resource<ScopeLogs>> resources) {
    Logs {
      resources = List.copyOf(resources);
    }
  }

  /** A metrics request: its resources. */
  record Metrics(List<Resource<ScopeMetrics>> resources) {
    Metrics {
      resources = List.copyOf(resources);
    }
  }
}
