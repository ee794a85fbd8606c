package dev.flightlog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/** Invariants of flow over random sessions. */
class FlowProperty {

  @Provide
  Arbitrary<SessionLog> sessions() {
    return RandomSessions.sessions();
  }

  @Property(tries = 1000)
  void toolModelAndWaitingFitInTheWall(@ForAll("sessions") SessionLog session) {
    for (var flow : Flow.turns(session)) {
      assertThat(flow.toolMs()).isNotNull().isNotNegative();
      assertThat(flow.modelMs()).isNotNull().isNotNegative();
      assertThat(flow.waitingMs()).isNotNull().isNotNegative();
      var wall = flow.wallMs();
      if (wall != null) {
        long sum = nonNull(flow.toolMs()) + nonNull(flow.modelMs()) + nonNull(flow.waitingMs());
        assertThat(sum).isLessThanOrEqualTo(wall);
      }
      assertThat(flow.longestStreak()).isBetween(0, flow.calls());
      if (flow.idleBeforeMs() != null) {
        assertThat(flow.idleBeforeMs()).isNotNegative();
      }
    }
  }

  private static long nonNull(@Nullable Long ms) {
    if (ms == null) {
      throw new AssertionError("a duration is null");
    }
    return ms;
  }

  @Property(tries = 1000)
  void everyCallIsInExactlyOneTurn(@ForAll("sessions") SessionLog session) {
    var flows = Flow.turns(session);
    assertThat(flows.stream().mapToInt(TurnFlow::calls).sum()).isEqualTo(session.calls().size());
    var ids = new HashSet<String>();
    for (var flow : flows) {
      assertThat(ids.add(flow.promptId())).as("one flow per turn").isTrue();
    }
  }
}
