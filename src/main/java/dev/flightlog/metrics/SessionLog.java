package dev.flightlog.metrics;

import java.util.List;

/** Everything one session recorded that the per-session definitions read. */
public record SessionLog(
    List<Turn> turns, List<Call> calls, List<Request> requests, List<Signal> signals) {
  public SessionLog {
    turns = List.copyOf(turns);
    calls = List.copyOf(calls);
    requests = List.copyOf(requests);
    signals = List.copyOf(signals);
  }
}
