package dev.flightlog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.ToolStatus;
import java.util.EnumMap;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of recovery episodes over random sessions. */
class RecoveryProperty {

  @Provide
  Arbitrary<SessionLog> sessions() {
    return RandomSessions.sessions();
  }

  @Property(tries = 1000)
  void everyErrorCallBelongsToExactlyOneEpisode(@ForAll("sessions") SessionLog session) {
    var episodes = Recovery.episodes(session);
    long errors = session.calls().stream().filter(c -> c.status() == ToolStatus.ERROR).count();
    assertThat(episodes.stream().mapToLong(Episode::failures).sum()).isEqualTo(errors);
    // Per thread and turn too: the failures of a group's episodes are its error calls.
    for (var episode : episodes) {
      long groupErrors =
          session.calls().stream()
              .filter(
                  c ->
                      c.status() == ToolStatus.ERROR
                          && c.threadId().equals(episode.threadId())
                          && c.promptId().equals(episode.promptId()))
              .count();
      long groupFailures =
          episodes.stream()
              .filter(
                  e ->
                      e.threadId().equals(episode.threadId())
                          && e.promptId().equals(episode.promptId()))
              .mapToLong(Episode::failures)
              .sum();
      assertThat(groupFailures).isEqualTo(groupErrors);
    }
  }

  @Property(tries = 1000)
  void outcomesAddUpAndAttemptsFollowFromThem(@ForAll("sessions") SessionLog session) {
    var episodes = Recovery.episodes(session);
    var counts = new EnumMap<Outcome, Integer>(Outcome.class);
    for (var episode : episodes) {
      counts.merge(episode.outcome(), 1, Integer::sum);
      // The failures after the first are attempts, and so is the success that recovered.
      int recovered = episode.outcome() == Outcome.RECOVERED ? 1 : 0;
      assertThat(episode.attempts()).isEqualTo(episode.failures() - 1 + recovered);
      if (episode.outcome() != Outcome.RECOVERED) {
        assertThat(episode.recoveryMs()).isNull();
      }
    }
    int sum =
        List.of(Outcome.RECOVERED, Outcome.UNRECOVERED, Outcome.INTERRUPTED, Outcome.OPEN).stream()
            .mapToInt(o -> counts.getOrDefault(o, 0))
            .sum();
    assertThat(sum).isEqualTo(episodes.size());
    // A recovering success per recovered episode: never more than the ok calls.
    long oks = session.calls().stream().filter(c -> c.status() == ToolStatus.OK).count();
    assertThat(counts.getOrDefault(Outcome.RECOVERED, 0)).isLessThanOrEqualTo((int) oks);
  }

  @Property(tries = 500)
  void episodesAreInStartOrder(@ForAll("sessions") SessionLog session) {
    var starts = Recovery.episodes(session).stream().map(Episode::startedAt).toList();
    for (int i = 1; i < starts.size(); i++) {
      var before = starts.get(i - 1);
      var now = starts.get(i);
      if (now != null) {
        assertThat(before).isNotNull();
        assertThat(before).isBeforeOrEqualTo(now);
      }
    }
  }
}
