package dev.flightlog.web;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received and rejected, per endpoint and reason, since the server started. */
final class Traffic {

  /** Counted when a hook receiver throws after the client was answered. */
  static final String RECEIVER_FAILED = "receiver_failed";

  /** Filled for every endpoint in the constructor and never changed after. */
  private final Map<Endpoint, LongAdder> received = new EnumMap<>(Endpoint.class);

  private final Map<Endpoint, ConcurrentHashMap<String, LongAdder>> rejected =
      new EnumMap<>(Endpoint.class);

  Traffic() {
    for (var endpoint : Endpoint.values()) {
      received.put(endpoint, new LongAdder());
      rejected.put(endpoint, new ConcurrentHashMap<>());
    }
  }

  void received(Endpoint endpoint) {
    receivedOf(endpoint).increment();
  }

  void rejected(Endpoint endpoint, String reason) {
    rejectedOf(endpoint).computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  Server.Counts snapshot() {
    var accepted = new LinkedHashMap<String, Long>();
    var refused = new LinkedHashMap<String, Map<String, Long>>();
    for (var endpoint : Endpoint.values()) {
      accepted.put(endpoint.wireName(), receivedOf(endpoint).sum());
      var reasons = new TreeMap<String, Long>();
      rejectedOf(endpoint).forEach((reason, count) -> reasons.put(reason, count.sum()));
      refused.put(endpoint.wireName(), Collections.unmodifiableMap(reasons));
    }
    return new Server.Counts(accepted, refused);
  }

  private LongAdder receivedOf(Endpoint endpoint) {
    return Objects.requireNonNull(received.get(endpoint));
  }

  private ConcurrentHashMap<String, LongAdder> rejectedOf(Endpoint endpoint) {
    return Objects.requireNonNull(rejected.get(endpoint));
  }
}
