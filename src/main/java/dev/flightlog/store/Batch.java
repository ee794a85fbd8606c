package dev.flightlog.store;

import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.FilePosition;
import dev.flightlog.Redacted;
import dev.flightlog.Skip;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one unit of input produced, written in one transaction: the facts, the schema drift
 * and skips noticed on the way, the counts of secrets redacted from it, and the source position up
 * to which the input has been consumed (null for inputs that have no position, such as an HTTP
 * request).
 */
public record Batch(
    List<Fact> facts,
    List<Drift> drift,
    List<Skip> skips,
    List<Redacted> redactions,
    @Nullable FilePosition position) {
  public Batch {
    facts = List.copyOf(facts);
    drift = List.copyOf(drift);
    skips = List.copyOf(skips);
    redactions = List.copyOf(redactions);
  }

  /** A batch with nothing redacted (yet: {@code ingest} fills the counts as content passes). */
  public Batch(
      List<Fact> facts, List<Drift> drift, List<Skip> skips, @Nullable FilePosition position) {
    this(facts, drift, skips, List.of(), position);
  }

  public boolean isEmpty() {
    return facts.isEmpty()
        && drift.isEmpty()
        && skips.isEmpty()
        && redactions.isEmpty()
        && position == null;
  }
}
