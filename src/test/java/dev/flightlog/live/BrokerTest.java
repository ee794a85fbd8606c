package dev.flightlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BrokerTest {

  private static Change prompt(String session, String id) {
    return new Change(
        "prompt",
        "claude:" + id,
        new PromptFact(Agent.CLAUDE, session, id, "text", null, null, null, Channel.HTTP_HOOK));
  }

  private static Change session(String session) {
    return new Change(
        "session",
        "claude:" + session,
        new SessionFact(Agent.CLAUDE, session, null, null, null, null, null, null, Channel.HOOK));
  }

  private static List<String> drain(Broker.Subscription subscription) {
    var ids = new ArrayList<String>();
    for (var event = subscription.poll(); event != null; event = subscription.poll()) {
      ids.add(event.id());
    }
    return ids;
  }

  private static List<String> ids(List<Event> events) {
    return events.stream().map(Event::id).toList();
  }

  @Test
  void changesAreNumberedInPublicationOrderWithTheBootId() throws InterruptedException {
    var broker = new Broker("run1", 8, Duration.ofMinutes(1));
    try (var subscription = broker.subscribe(100)) {
      broker.publish(List.of(prompt("s", "p1"), prompt("s", "p2")));
      broker.publish(List.of(session("s")));
      var first = java.util.Objects.requireNonNull(subscription.next(1, TimeUnit.SECONDS));
      assertThat(first.id()).isEqualTo("run1-1");
      assertThat(first.change().id()).isEqualTo("claude:p1");
      assertThat(drain(subscription)).containsExactly("run1-2", "run1-3");
      assertThat(subscription.replay()).isEmpty();
      assertThat(subscription.reset()).isNull();
    }
  }

  @Test
  void aReconnectingSubscriberGetsWhatItMissedThenLiveEvents() {
    var broker = new Broker("run1", 8, Duration.ofMinutes(1));
    var first = broker.subscribe(100);
    broker.publish(List.of(prompt("s", "p1"), prompt("s", "p2"), prompt("s", "p3")));
    first.close();
    broker.publish(List.of(prompt("s", "p4")));
    try (var again = broker.subscribe(100, "run1-2", change -> true)) {
      assertThat(again.reset()).isNull();
      assertThat(ids(again.replay())).containsExactly("run1-3", "run1-4");
      broker.publish(List.of(prompt("s", "p5")));
      assertThat(drain(again)).containsExactly("run1-5");
    }
    try (var upToDate = broker.subscribe(100, "run1-5", change -> true)) {
      assertThat(upToDate.reset()).isNull();
      assertThat(upToDate.replay()).isEmpty();
    }
  }

  @Test
  void idsThatCannotBeResumedAskTheClientToReset() {
    var broker = new Broker("run2", 4, Duration.ofMinutes(1));
    var keep = broker.subscribe(100);
    for (int i = 1; i <= 10; i++) {
      broker.publish(List.of(prompt("s", "p" + i)));
    }
    assertThat(reset(broker, "run1-3")).isEqualTo("event id 'run1-3' is from another daemon run");
    assertThat(reset(broker, "garbage")).isEqualTo("unknown event id 'garbage'");
    assertThat(reset(broker, "run2-x")).isEqualTo("unknown event id 'run2-x'");
    assertThat(reset(broker, "run2-11")).isEqualTo("event id 'run2-11' was never published");
    // The ring holds 7..10, so 6 is the oldest id it can continue from.
    assertThat(reset(broker, "run2-5"))
        .isEqualTo("event id 'run2-5' is older than the 4 events kept");
    assertThat(reset(broker, "run2-6")).isNull();
    try (var resumed = broker.subscribe(100, "run2-6", change -> true)) {
      assertThat(ids(resumed.replay())).containsExactly("run2-7", "run2-8", "run2-9", "run2-10");
    }
    keep.close();
  }

  private static @Nullable String reset(Broker broker, String lastEventId) {
    try (var subscription = broker.subscribe(10, lastEventId, change -> true)) {
      if (subscription.reset() != null) {
        assertThat(subscription.replay()).isEmpty();
      }
      return subscription.reset();
    }
  }

  @Test
  void afterTheGracePeriodNobodyListensAndOlderIdsReset() {
    var broker = new Broker("run3", 16, Duration.ZERO);
    assertThat(broker.hasSubscribers()).isFalse();
    var subscription = broker.subscribe(10);
    assertThat(broker.hasSubscribers()).isTrue();
    broker.publish(List.of(prompt("s", "p1")));
    subscription.close();
    // Grace zero: publishers are told at once that nobody listens, and skip their changes.
    assertThat(broker.hasSubscribers()).isFalse();
    assertThat(reset(broker, "run3-1"))
        .isEqualTo("events after 'run3-1' were not kept while nobody listened");
  }

  @Test
  void withinTheGracePeriodChangesAreKeptForAReconnect() {
    var broker = new Broker("run4", 16, Duration.ofMinutes(1));
    var subscription = broker.subscribe(10);
    broker.publish(List.of(prompt("s", "p1")));
    subscription.close();
    assertThat(broker.hasSubscribers()).isTrue();
    broker.publish(List.of(prompt("s", "p2")));
    try (var again = broker.subscribe(10, "run4-1", change -> true)) {
      assertThat(ids(again.replay())).containsExactly("run4-2");
    }
  }

  @Test
  void filtersApplyToReplayAndLiveEvents() {
    var broker = new Broker("run5", 16, Duration.ofMinutes(1));
    var keep = broker.subscribe(10);
    broker.publish(List.of(prompt("a", "p1"), session("a"), prompt("b", "p2")));
    try (var onlyA =
        broker.subscribe(
            10,
            "run5-0",
            change -> change.kind().equals("prompt") && change.fact().sessionId().equals("a"))) {
      assertThat(ids(onlyA.replay())).containsExactly("run5-1");
      broker.publish(List.of(prompt("b", "p3"), prompt("a", "p4")));
      assertThat(drain(onlyA)).containsExactly("run5-5");
    }
    keep.close();
  }

  @Test
  void aFullQueueDropsItsOldestAndCountsThemWithoutBlockingThePublisher() {
    var broker = new Broker("run6", 16, Duration.ofMinutes(1));
    try (var slow = broker.subscribe(3)) {
      long start = System.nanoTime();
      for (int i = 1; i <= 100_000; i++) {
        broker.publish(List.of(prompt("s", "p" + i)));
      }
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
      assertThat(slow.takeDropped()).isEqualTo(99_997);
      assertThat(slow.takeDropped()).isZero();
      assertThat(drain(slow)).containsExactly("run6-99998", "run6-99999", "run6-100000");
    }
  }

  @Test
  void closingWakesAWaitingReader() throws Exception {
    var broker = new Broker();
    var subscription = broker.subscribe(4);
    var reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    assertThat(subscription.next(1, TimeUnit.MINUTES)).isNull();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Thread.sleep(50);
    subscription.close();
    assertThat(reader.join(Duration.ofSeconds(10))).isTrue();
    assertThat(subscription.isClosed()).isTrue();
    broker.publish(List.of(prompt("s", "p")));
    assertThat(subscription.poll()).isNull();
  }

  @Test
  void bootIdsAreRandomAndValidated() {
    assertThat(new Broker().boot()).matches("[0-9a-f]{16}").isNotEqualTo(new Broker().boot());
    assertThatThrownBy(() -> new Broker("a-b", 4, Duration.ZERO))
        .hasMessage("a boot id is 1 to 64 letters or digits, not 'a-b'");
    assertThatThrownBy(() -> new Broker("a", 0, Duration.ZERO))
        .hasMessage("the ring holds at least one change: 0");
  }
}
