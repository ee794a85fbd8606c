package dev.flightlog.live;

/**
 * A change as the broker published it: numbered in publication order within one broker (one daemon
 * run, identified by its boot id), so a subscriber that reconnects can say which event it saw last.
 *
 * @param boot the publishing broker's boot id
 * @param seq the change's number, from 1, strictly increasing within a boot
 */
public record Event(String boot, long seq, Change change) {
  public Event {
    if (seq < 1) {
      throw new IllegalArgumentException("an event's sequence number starts at 1, not " + seq);
    }
  }

  /** The id a stream gives this event ({@code <boot>-<seq>}), unique across daemon runs. */
  public String id() {
    return boot + "-" + seq;
  }
}
