package dev.flightlog.redact;

import java.util.Map;

/**
 * A text after redaction, and how many secrets of each kind were replaced in it.
 *
 * @param text the text with every secret replaced by its kind's marker
 * @param counts the replacements per kind; empty when the text had none
 */
public record Redaction(String text, Map<SecretKind, Integer> counts) {
  public Redaction {
    counts = Map.copyOf(counts);
  }

  /** Whether anything was replaced. */
  public boolean changed() {
    return !counts.isEmpty();
  }
}
