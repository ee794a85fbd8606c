package dev.flightlog.otlp;

import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.Skip;
import java.util.List;

/**
 * What one OTLP export request carried, as flightlog records it.
 *
 * @param facts the facts of its log records or data points
 * @param drift event names, metric names and kinds, and services flightlog does not know
 * @param skips each rejected item with what was wrong, and one entry for any attributes or values
 *     that were left out
 * @param accepted log records or data points that were read (whether or not they carry anything
 *     flightlog records)
 * @param rejected log records or data points that were left out: not an object, without the id
 *     their record needs, without a usable value or time, of an unsupported kind, or from a service
 *     that is not a known agent
 */
public record Export(
    List<Fact> facts, List<Drift> drift, List<Skip> skips, int accepted, int rejected) {
  public Export {
    facts = List.copyOf(facts);
    drift = List.copyOf(drift);
    skips = List.copyOf(skips);
    if (accepted < 0 || rejected < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }
}
