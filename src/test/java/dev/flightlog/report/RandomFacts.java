package dev.flightlog.report;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/**
 * Random facts about a few tool calls, model requests and cost states, with ids drawn from small
 * pools so that the same record is observed again and again: re-deliveries, streamed copies with
 * growing usage, status changes from other channels, times, projects and models filled in late,
 * agent costs arriving after the transcript, cost states arriving before or after the requests.
 */
final class RandomFacts {
  private RandomFacts() {}

  static final Instant START = Instant.parse("2026-10-30T00:00:00Z");
  static final List<String> MODELS =
      List.of("claude-sonnet-4-5-20250929", "claude-opus-5-5", "claude-mystery-1", "");

  /** Ten days from {@link #START}. */
  static final Duration SPAN = Duration.ofDays(10);

  private static Arbitrary<@Nullable Instant> time(Instant start, Duration span) {
    // to the second, and sometimes unknown
    return Arbitraries.longs()
        .between(0, span.toSeconds())
        .map(start::plusSeconds)
        .injectNull(0.05);
  }

  private static Arbitrary<String> session() {
    return Arbitraries.of("s0", "s1", "s2");
  }

  private static Arbitrary<Fact> toolCall(Instant from, Duration span, int ids) {
    return Combinators.combine(
            Arbitraries.integers().between(0, ids - 1),
            session(),
            Arbitraries.of(ToolStatus.values()),
            Arbitraries.of(Channel.values()),
            time(from, span),
            Arbitraries.longs().between(0, 600_000).injectNull(0.3),
            Arbitraries.of("", "/p/alpha", "/p/beta"),
            Arbitraries.of("Bash", "Read", "mcp__x__y").injectNull(0.2))
        .as(
            (id, session, status, channel, start, duration, project, tool) ->
                new ToolCallFact(
                    Agent.CLAUDE,
                    "t" + id,
                    session,
                    "main",
                    null,
                    tool,
                    null,
                    null,
                    status,
                    null,
                    null,
                    null,
                    start,
                    start == null || duration == null ? null : start.plusMillis(duration),
                    channel == Channel.OTLP ? duration : null,
                    project,
                    null,
                    channel));
  }

  private static Arbitrary<Usage> usage() {
    var tokens = Arbitraries.longs().between(0, 5_000);
    return Combinators.combine(tokens, tokens, tokens, tokens, tokens).as(Usage::new);
  }

  private static Arbitrary<Fact> request(Instant from, Duration span, int ids) {
    return Combinators.combine(
            Arbitraries.integers().between(0, ids - 1),
            session(),
            Arbitraries.of(MODELS),
            time(from, span),
            usage(),
            Arbitraries.doubles().between(0, 1).ofScale(4).injectNull(0.7),
            Arbitraries.of(Channel.TRANSCRIPT, Channel.OTLP),
            Arbitraries.of("", "/p/alpha", "/p/beta"))
        .as(
            (id, session, model, at, usage, cost, channel, project) ->
                new ModelRequestFact(
                    id % 4 == 0 ? Agent.CODEX : Agent.CLAUDE,
                    "m" + id,
                    "r" + id,
                    session,
                    "main",
                    null,
                    model.isEmpty() ? null : model,
                    usage,
                    at,
                    project,
                    channel == Channel.OTLP ? cost : null,
                    channel));
  }

  private static Arbitrary<Fact> costState() {
    var cost = Arbitraries.doubles().between(0, 2).ofScale(4);
    return Combinators.combine(session(), cost, cost, Arbitraries.of(true, false))
        .as(
            (session, opus, mystery, both) -> {
              var models = new ArrayList<CostStateFact.ModelCost>();
              models.add(new CostStateFact.ModelCost("claude-opus-5-5", Usage.ZERO, opus));
              if (both) {
                models.add(new CostStateFact.ModelCost("claude-mystery-1", Usage.ZERO, mystery));
              }
              return new CostStateFact(
                  Agent.CLAUDE,
                  session,
                  opus + (both ? mystery : 0),
                  null,
                  models,
                  Channel.TRANSCRIPT);
            });
  }

  /** Facts of the ten days from {@link #START}, split into one to four transactions. */
  static Arbitrary<List<List<Fact>>> deliveries() {
    return deliveries(START, SPAN, 40, 8);
  }

  /**
   * Up to {@code most} facts whose times fall in {@code span} from {@code start}, about {@code ids}
   * tool calls and {@code ids} model requests observed again and again, split into one to four
   * transactions.
   */
  static Arbitrary<List<List<Fact>>> deliveries(Instant start, Duration span, int most, int ids) {
    var facts =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, toolCall(start, span, ids)),
                net.jqwik.api.Tuple.of(4, request(start, span, ids)),
                net.jqwik.api.Tuple.of(1, costState()))
            .list()
            .ofMinSize(1)
            .ofMaxSize(most);
    return Combinators.combine(facts, Arbitraries.integers().between(1, 4))
        .as(
            (all, parts) -> {
              var batches = new ArrayList<List<Fact>>();
              int size = Math.max(1, (all.size() + parts - 1) / parts);
              for (int i = 0; i < all.size(); i += size) {
                batches.add(all.subList(i, Math.min(all.size(), i + size)));
              }
              return batches;
            });
  }

  static void write(Store store, List<List<Fact>> deliveries) {
    for (var facts : deliveries) {
      store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    }
  }

  /** A fresh directory, deleted with everything in it by {@link #delete(Path)}. */
  static Path directory() {
    try {
      return Files.createTempDirectory("flightlog-property");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path directory) {
    try (var paths = Files.walk(directory)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
