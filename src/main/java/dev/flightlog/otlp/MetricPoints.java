package dev.flightlog.otlp;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Drift;
import dev.flightlog.MetricPointFact;
import dev.flightlog.MetricPointFact.Temporality;
import dev.flightlog.SkipReason;
import dev.flightlog.otlp.Collector.Exporter;
import dev.flightlog.otlp.Wire.Kind;
import dev.flightlog.otlp.Wire.Metric;
import dev.flightlog.otlp.Wire.NumberPoint;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps the data points of Claude Code's OTLP sums and gauges to metric point facts (see
 * RATIONALE.md, "OTLP"). Histograms, exponential histograms and summaries are not stored: their
 * points are rejected and the metric counts as drift. A metric name Claude Code was not seen to
 * export is stored and counted as drift.
 */
final class MetricPoints {

  /** Every metric Claude Code 2.1.328 was seen to export. */
  static final Set<String> KNOWN_METRICS =
      Set.of(
          "claude_code.session.count",
          "claude_code.token.usage",
          "claude_code.cost.usage",
          "claude_code.lines_of_code.count",
          "claude_code.code_edit_tool.decision",
          "claude_code.active_time.total");

  /**
   * Attributes left out of a point's series: {@code user.id} names the installation, not the
   * series, is the same on every point, and would only make each series key longer.
   */
  static final Set<String> NOT_IN_SERIES = Set.of("user.id");

  /** {@code DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK}: the point marks a gap, it has no value. */
  private static final int NO_RECORDED_VALUE = 1;

  private MetricPoints() {}

  static Export map(Wire.Metrics metrics, Dropped dropped) {
    var out = new Collector(Signal.METRICS.path(), dropped);
    for (var resource : metrics.resources()) {
      for (var scope : resource.scopes()) {
        var exporter = Exporter.of(resource.attributes(), scope.scope());
        if (!exporter.decoded()) {
          int points = 0;
          for (var metric : scope.metrics()) {
            points += metric.points().size() + metric.otherPoints();
          }
          exporter.leaveOut(out, scope.scope(), points, "data point(s)");
          continue;
        }
        for (var metric : scope.metrics()) {
          metric(out, exporter, metric);
        }
      }
    }
    return out.export();
  }

  private static void metric(Collector out, Exporter exporter, Metric metric) {
    var name = metric.name().isBlank() ? "(none)" : metric.name();
    if (metric.kind() == Kind.NONE) {
      return;
    }
    if (metric.kind() != Kind.GAUGE && metric.kind() != Kind.SUM) {
      var kind = metric.kind().name().toLowerCase(Locale.ROOT);
      out.drift(new Drift(Agent.CLAUDE, exporter.version(), "otlp_metric_kind", kind + " " + name));
      out.rejectAll(
          metric.otherPoints(),
          metric.otherPoints()
              + " data point(s) of "
              + kind
              + " "
              + name
              + " at byte "
              + metric.offset()
              + " left out: flightlog stores sums and gauges");
      return;
    }
    if (!KNOWN_METRICS.contains(name)) {
      out.drift(new Drift(Agent.CLAUDE, exporter.version(), "otlp_metric", name));
    }
    var temporality = temporality(metric);
    for (var point : metric.points()) {
      var rejected = point(out, metric, name, temporality, point);
      if (rejected == null) {
        out.accept();
      } else {
        out.reject(
            SkipReason.NOT_AN_ENTRY,
            "data point at byte " + point.offset() + " of " + name + ": " + rejected);
      }
    }
  }

  /**
   * How a point's value relates to the previous one. A cumulative sum that is not monotonic (an
   * up-down counter) reports a current level, like a gauge: stored as cumulative, a fall would read
   * as a counter reset.
   */
  private static @Nullable Temporality temporality(Metric metric) {
    if (metric.kind() == Kind.GAUGE) {
      return Temporality.GAUGE;
    }
    return switch (metric.temporality()) {
      case 1 -> Temporality.DELTA;
      case 2 -> metric.monotonic() ? Temporality.CUMULATIVE : Temporality.GAUGE;
      default -> null;
    };
  }

  /** Adds the point's fact; why it was rejected, or null. */
  private static @Nullable String point(
      Collector out,
      Metric metric,
      String name,
      @Nullable Temporality temporality,
      NumberPoint point) {
    if (temporality == null) {
      return "aggregation temporality " + metric.temporality() + " is neither delta nor cumulative";
    }
    if ((point.flags() & NO_RECORDED_VALUE) != 0) {
      return null;
    }
    var value = point.value();
    if (value == null) {
      return "no value";
    }
    if (!Double.isFinite(value)) {
      return "value " + value + " is not a finite number";
    }
    var at = ClaudeLogs.instant(point.timeUnixNano());
    if (at == null) {
      return "no time";
    }
    var session = new Attributes(point.attributes()).text("session.id");
    out.fact(
        new MetricPointFact(
            Agent.CLAUDE,
            session == null ? "" : session,
            name,
            Attributes.canonicalJson(point.attributes(), NOT_IN_SERIES),
            metric.unit().isEmpty() ? null : metric.unit(),
            temporality,
            ClaudeLogs.instant(point.startTimeUnixNano()),
            at,
            value,
            Channel.OTLP));
    return null;
  }
}
