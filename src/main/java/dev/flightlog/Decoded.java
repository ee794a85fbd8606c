package dev.flightlog;

import java.util.List;

/**
 * What a decoder made of one line or payload: facts (possibly none, for entries that carry nothing
 * flightlog records) with any schema drift it noticed, or a counted skip. Decoders return one of
 * these for every input and never throw.
 */
public sealed interface Decoded {

  /** The line was understood; {@code facts} may be empty. */
  record Facts(List<Fact> facts, List<Drift> drift) implements Decoded {
    public Facts {
      facts = List.copyOf(facts);
      drift = List.copyOf(drift);
    }
  }

  /**
   * The line was skipped.
   *
   * @param detail what was wrong and where, e.g. {@code "unexpected end of input at byte 812"}
   */
  record Skipped(SkipReason reason, String detail) implements Decoded {}
}
