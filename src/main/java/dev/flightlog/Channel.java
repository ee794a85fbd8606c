package dev.flightlog;

import java.util.ArrayList;
import java.util.List;

/**
 * A capture channel: how an observation reached flightlog. Every stored record keeps the set of
 * channels that saw it (its provenance) as a bit set, see {@link #bit()}.
 */
public enum Channel {
  /** A command hook payload, written to the spool by the spooler script. */
  HOOK("hook", 1),
  /** A hook payload POSTed by the agent to the daemon. */
  HTTP_HOOK("http_hook", 2),
  /** A line of the agent's own transcript file. */
  TRANSCRIPT("transcript", 4),
  /** An OpenTelemetry log record or metric point exported by the agent. */
  OTLP("otlp", 8);

  private final String wireName;
  private final int bit;

  Channel(String wireName, int bit) {
    this.wireName = wireName;
    this.bit = bit;
  }

  public String wireName() {
    return wireName;
  }

  /** This channel's bit in a provenance set; stored, so never renumbered. */
  public int bit() {
    return bit;
  }

  /** The channel names in a provenance bit set, in declaration order. */
  public static List<String> names(int bits) {
    var names = new ArrayList<String>();
    for (var channel : values()) {
      if ((bits & channel.bit()) != 0) {
        names.add(channel.wireName);
      }
    }
    return names;
  }
}
