package dev.flightlog.metrics;

import dev.flightlog.ToolStatus;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/**
 * Random sessions for the properties: a few turns, threads, tools and files; times may be unknown.
 */
final class RandomSessions {
  private RandomSessions() {}

  private static final List<String> PROMPTS = List.of("p1", "p2", "p3", "");

  private static Arbitrary<@Nullable Long> times() {
    return Arbitraries.longs().between(0, 20_000).injectNull(0.15);
  }

  private static Arbitrary<Turn> turns(String promptId) {
    return Combinators.combine(times(), Arbitraries.longs().between(0, 8_000).injectNull(0.3))
        .as(
            (start, length) ->
                Log.turn(promptId, start, start == null || length == null ? null : start + length));
  }

  private static Arbitrary<Call> calls() {
    var tools = Arbitraries.of("Bash", "Read", "Edit", "Write", "AskUserQuestion");
    var summaries = Arbitraries.of("/a.txt", "/b.txt").injectNull(0.3);
    return Combinators.combine(
            Arbitraries.of("", "a1"),
            Arbitraries.of(PROMPTS),
            tools,
            summaries,
            Arbitraries.of(ToolStatus.class),
            times(),
            Arbitraries.longs().between(0, 3_000).injectNull(0.15),
            Arbitraries.longs().between(0, 4_000).injectNull(0.5))
        .as(
            (thread, prompt, tool, summary, status, start, length, measured) -> {
              var base =
                  Log.call(
                      thread,
                      prompt,
                      tool,
                      status,
                      summary,
                      start,
                      start == null || length == null ? null : start + length);
              return new Call(
                  base.toolUseId(),
                  thread,
                  prompt,
                  tool,
                  status,
                  base.error(),
                  summary,
                  base.startedAt(),
                  base.endedAt(),
                  measured);
            });
  }

  private static Arbitrary<Request> requests() {
    return Combinators.combine(Arbitraries.of("", "a1"), Arbitraries.of(PROMPTS), times())
        .as((thread, prompt, at) -> new Request(thread, prompt, Log.t(at)));
  }

  private static Arbitrary<Signal> signals() {
    return Combinators.combine(
            Arbitraries.of("PermissionRequest", "Notification"),
            Arbitraries.of(PROMPTS),
            Arbitraries.longs().between(0, 20_000))
        .as((event, prompt, at) -> new Signal(event, prompt, Log.at(at)));
  }

  static Arbitrary<SessionLog> sessions() {
    var someTurns =
        Combinators.combine(
                turns("p1"), turns("p2"), turns("p3"), Arbitraries.integers().between(0, 3))
            .as((a, b, c, n) -> List.of(a, b, c).subList(0, n));
    return Combinators.combine(
            someTurns,
            calls().list().ofMaxSize(25),
            requests().list().ofMaxSize(10),
            signals().list().ofMaxSize(4))
        .as(SessionLog::new);
  }
}
