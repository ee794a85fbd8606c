package dev.flightlog.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  @TempDir static Path shared;

  /** A medium corpus: big enough for every line type, outcome and rare event to appear. */
  private static Path medium;

  private static JsonTree truth;
  private static Recount recount;

  @BeforeAll
  static void generateMediumCorpus() throws IOException {
    medium = shared.resolve("medium");
    CorpusGenerator.generate(
        CorpusGenerator.Options.parse(
            "--out", medium.toString(), "--seed", "9", "--sessions", "36"));
    byte[] bytes = Files.readAllBytes(medium.resolve("ground_truth.json"));
    truth = JsonTree.parse(bytes, 0, bytes.length);
    recount = Recount.of(medium);
  }

  @Test
  void sameSeedGivesIdenticalBytesWhateverTheThreadCount(@TempDir Path dir) throws IOException {
    var one = dir.resolve("one");
    var two = dir.resolve("two");
    CorpusGenerator.generate(options(one, "5", "--sessions", "6", "--threads", "1"));
    CorpusGenerator.generate(options(two, "5", "--sessions", "6", "--threads", "2"));

    Map<String, byte[]> first = contents(one);
    Map<String, byte[]> second = contents(two);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    assertThat(first).hasSizeGreaterThan(6);
    for (var file : first.keySet()) {
      assertThat(second.get(file)).as(file).isEqualTo(first.get(file));
    }
  }

  @Test
  void differentSeedsGiveDifferentCorpora(@TempDir Path dir) throws IOException {
    CorpusGenerator.generate(options(dir.resolve("a"), "1", "--sessions", "2"));
    CorpusGenerator.generate(options(dir.resolve("b"), "2", "--sessions", "2"));

    assertThat(contents(dir.resolve("a")).keySet())
        .doesNotContainAnyElementsOf(
            contents(dir.resolve("b")).keySet().stream()
                .filter(name -> name.endsWith(".jsonl"))
                .toList());
  }

  @Test
  void everyLineIsJsonWithATypeAndTheChainsAreConsistent() {
    // Recount parses every line and fails on invalid JSON; it notes lines it cannot place.
    assertThat(recount.problems).isEmpty();
    assertThat(recount.lines).isEqualTo(truth.get("lines", "total").number());
    assertThat(recount.linesByType).doesNotContainKey("");
  }

  @Test
  void groundTruthMatchesAnIndependentRecount() {
    assertThat((long) recount.projectDirs.size()).isEqualTo(truth.get("projects").number());
    assertThat(recount.sessionFiles).isEqualTo(truth.get("sessions").number());
    assertThat(recount.sessionFiles).isEqualTo(truth.get("files", "sessions").number());
    assertThat(recount.subagentFiles).isEqualTo(truth.get("files", "subagents").number());
    assertThat(recount.metaFiles).isEqualTo(truth.get("files", "subagent_meta").number());
    assertThat(recount.bytes).isEqualTo(truth.get("files", "transcript_bytes").number());
    assertThat(recount.prompts).isEqualTo(truth.get("prompts").number());
    assertThat(recount.subagentPrompts).isEqualTo(truth.get("subagent_prompts").number());
    assertThat(recount.apiErrorMessages).isEqualTo(truth.get("api_error_messages").number());
    assertThat(recount.systemBySubtype.get("api_error"))
        .isEqualTo(truth.get("api_retries").number());

    assertThat(recount.linesByType).isEqualTo(counts(truth.get("lines", "by_type")));
    assertThat(recount.attachmentsByType)
        .isEqualTo(counts(truth.get("lines", "attachments_by_type")));
    assertThat(recount.systemBySubtype).isEqualTo(counts(truth.get("lines", "system_by_subtype")));

    var byTool = new TreeMap<String, List<Long>>();
    recount.toolCalls.forEach((tool, c) -> byTool.put(tool, List.of(c[0], c[1], c[2], c[3])));
    var expectedByTool = new TreeMap<String, List<Long>>();
    truth
        .get("tool_calls", "by_tool")
        .members()
        .forEach(
            (tool, c) ->
                expectedByTool.put(
                    tool,
                    List.of(
                        c.get("ok").number(),
                        c.get("error").number(),
                        c.get("denied").number(),
                        c.get("interrupted").number())));
    assertThat(byTool).isEqualTo(expectedByTool);

    assertThat((long) recount.requests.size()).isEqualTo(truth.get("model_requests").number());
    var total = new long[5];
    var byDay = new TreeMap<String, long[]>();
    var byModel = new TreeMap<String, long[]>();
    for (var request : recount.requests.values()) {
      add(total, request.tokens());
      add(byDay.computeIfAbsent(request.date(), d -> new long[6]), request.tokens());
      add(byModel.computeIfAbsent(request.model(), m -> new long[6]), request.tokens());
    }
    assertThat(total).containsExactly(tokens(truth.get("usage")));
    assertThat(truth.get("by_day").items()).hasSize(byDay.size());
    for (var day : truth.get("by_day").items()) {
      assertThat(byDay.get(day.get("date").text()))
          .as(day.get("date").text())
          .containsExactly(requestsAndTokens(day));
    }
    assertThat(truth.get("by_model").keys()).containsExactlyElementsOf(byModel.keySet());
    byModel.forEach(
        (model, counts) ->
            assertThat(counts)
                .as(model)
                .containsExactly(requestsAndTokens(truth.get("by_model", model))));
  }

  @Test
  void costStatesAreCumulativePerSessionAndIncludeSubagents() {
    var prices = truth.get("prices_per_million");
    var costBySession = new HashMap<String, Double>();
    var tokensBySession = new HashMap<String, long[]>();
    for (var request : recount.requests.values()) {
      double cost = cost(prices.get(request.model()), request.tokens());
      costBySession.merge(request.sessionId(), cost, Double::sum);
      add(tokensBySession.computeIfAbsent(request.sessionId(), s -> new long[5]), request.tokens());
    }
    double sum = 0;
    for (var entry : recount.lastCostState.entrySet()) {
      var state = entry.getValue();
      sum += state.get("totalCostUSD").decimal();
      assertThat(state.get("totalCostUSD").decimal())
          .as(entry.getKey())
          .isCloseTo(costBySession.getOrDefault(entry.getKey(), 0.0), within(1e-9));
      var fromState = new long[5];
      for (var usage : state.get("modelUsage").members().values()) {
        fromState[0] += usage.get("inputTokens").number();
        fromState[1] += usage.get("outputTokens").number();
        fromState[2] += usage.get("cacheReadInputTokens").number();
        fromState[3] += usage.get("cacheCreationEphemeral5mInputTokens").number();
        fromState[4] += usage.get("cacheCreationEphemeral1hInputTokens").number();
      }
      assertThat(fromState)
          .as(entry.getKey())
          .containsExactly(tokensBySession.getOrDefault(entry.getKey(), new long[5]));
    }
    assertThat(recount.lastCostState).hasSize((int) recount.sessionFiles);
    assertThat(sum).isCloseTo(truth.get("cost_state_total_usd").decimal(), within(1e-6));
  }

  @Test
  void aMediumCorpusHasEveryLineTypeOutcomeAndRareEvent() {
    assertThat(recount.linesByType.keySet())
        .contains(
            "queue-operation",
            "user",
            "attachment",
            "api-request-shape",
            "api-request-blob",
            "api-request",
            "assistant",
            "atis-latch",
            "last-prompt",
            "tools-used",
            "system",
            "cost-state",
            "mode");
    assertThat(recount.attachmentsByType.keySet())
        .contains(
            "environment",
            "model",
            "date",
            "deferred_tools_delta",
            "agent_listing_delta",
            "skill_listing",
            "session_context",
            "remote_session_change",
            "prompt_snapshot",
            "hook_success");
    assertThat(recount.systemBySubtype.keySet()).contains("stop_hook_summary", "api_error");
    assertThat(truth.get("tool_calls", "by_outcome").members().values())
        .allSatisfy(count -> assertThat(count.number()).isPositive());
    assertThat(recount.denialKinds).containsExactlyInAnyOrder("user-rejected", "permission-rule");
    assertThat(recount.toolCalls.keySet())
        .contains("Bash", "Read", "Edit", "Write", "Grep", "Glob", "Agent", "TodoWrite");
    assertThat(truth.get("by_model").keys()).hasSize(Model.values().length);
    assertThat(recount.apiErrorMessages).isPositive();
    assertThat(recount.subagentFiles).isPositive();
    assertThat(recount.parallelToolMessages).isPositive();
    assertThat(recount.thinkingBlocks).isPositive();
    assertThat(truth.get("resumed_sessions").number()).isPositive();
    assertThat(truth.get("by_day").items().size()).isGreaterThan(20);
  }

  @Test
  void projectsCountsOnlyTheWorkingDirectoriesThatGotSessions(@TempDir Path dir)
      throws IOException {
    // The pool has 5 to 30 working directories, so 2 sessions leave most of them unused; the
    // ground truth once reported the pool's size.
    var out = dir.resolve("two");
    Tally tally = CorpusGenerator.generate(options(out, "3", "--sessions", "2"));
    byte[] bytes = Files.readAllBytes(out.resolve("ground_truth.json"));

    long dirs = Recount.of(out).projectDirs.size();
    assertThat(dirs).isBetween(1L, 2L);
    assertThat(JsonTree.parse(bytes, 0, bytes.length).get("projects").number()).isEqualTo(dirs);
    assertThat(tally.projects).hasSize((int) dirs);
  }

  @Test
  void filesOptionWritesThatManySmallSessions(@TempDir Path dir) throws IOException {
    var out = dir.resolve("files");
    CorpusGenerator.generate(options(out, "3", "--files", "20"));

    var files = contents(out);
    assertThat(files.keySet().stream().filter(name -> name.endsWith(".jsonl"))).hasSize(20);
    assertThat(files.keySet()).noneMatch(name -> name.contains("subagents"));
    assertThat(files.values()).allSatisfy(bytes -> assertThat(bytes.length).isLessThan(200_000));
  }

  @Test
  void bytesOptionKeepsTheShortestRunOfSessionsThatReachesTheTarget(@TempDir Path dir)
      throws IOException {
    Tally tally =
        CorpusGenerator.generate(
            options(dir.resolve("bytes"), "4", "--bytes", "1m", "--threads", "1"));
    int sessions = (int) tally.sessions;
    Tally same =
        CorpusGenerator.generate(
            options(dir.resolve("same"), "4", "--sessions", Integer.toString(sessions)));
    Tally fewer =
        CorpusGenerator.generate(
            options(dir.resolve("fewer"), "4", "--sessions", Integer.toString(sessions - 1)));

    assertThat(tally.bytes).isGreaterThanOrEqualTo(1L << 20);
    assertThat(fewer.bytes).isLessThan(1L << 20);
    assertThat(contents(dir.resolve("bytes")).keySet())
        .isEqualTo(contents(dir.resolve("same")).keySet());
    assertThat(Recount.of(dir.resolve("bytes")).bytes).isEqualTo(same.bytes);
  }

  @Test
  void optionsAreValidatedWithHelpfulMessages() {
    assertThat(CorpusGenerator.Options.parseSize("300m")).isEqualTo(300L << 20);
    assertThat(CorpusGenerator.Options.parseSize("1g")).isEqualTo(1L << 30);
    assertThat(CorpusGenerator.Options.parseSize("1.5k")).isEqualTo(1536);
    assertThat(CorpusGenerator.Options.parseSize("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> CorpusGenerator.Options.parseSize("lots"))
        .hasMessage("bad size 'lots' (expected e.g. 300m, 1g, 512k or bytes)");
    assertThatThrownBy(() -> CorpusGenerator.Options.parse("--out", "x"))
        .hasMessageStartingWith("give exactly one of --sessions N, --bytes SIZE and --files N");
    assertThatThrownBy(() -> CorpusGenerator.Options.parse("--sessions", "3"))
        .hasMessageStartingWith("--out DIR is required");
    assertThatThrownBy(() -> CorpusGenerator.Options.parse("--out", "x", "--colour", "red"))
        .hasMessageStartingWith("unknown option --colour");
  }

  @Test
  void refusesToWriteIntoAnExistingCorpus(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("projects"));

    assertThatThrownBy(() -> CorpusGenerator.generate(options(dir, "1", "--sessions", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("already exists; give an empty or new --out DIR");
  }

  private static CorpusGenerator.Options options(Path out, String seed, String... more) {
    var args = new ArrayList<>(List.of("--out", out.toString(), "--seed", seed));
    args.addAll(List.of(more));
    return CorpusGenerator.Options.parse(args.toArray(String[]::new));
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    var contents = new TreeMap<String, byte[]>();
    try (var walk = Files.walk(root)) {
      for (var file : walk.filter(Files::isRegularFile).toList()) {
        contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return contents;
  }

  private static Map<String, Long> counts(JsonTree object) {
    var counts = new TreeMap<String, Long>();
    object.members().forEach((key, value) -> counts.put(key, value.number()));
    return counts;
  }

  /**
   * Adds a request's token counts into {@code [input, output, read, 5m, 1h]}, or into {@code
   * [requests, input, output, read, 5m, 1h]} counting the request too.
   */
  private static void add(long[] into, Tokens tokens) {
    int offset = into.length - 5;
    if (offset == 1) {
      into[0]++;
    }
    into[offset] += tokens.input();
    into[offset + 1] += tokens.output();
    into[offset + 2] += tokens.cacheRead();
    into[offset + 3] += tokens.cacheWrite5m();
    into[offset + 4] += tokens.cacheWrite1h();
  }

  private static long[] tokens(JsonTree usage) {
    return new long[] {
      usage.get("input_tokens").number(),
      usage.get("output_tokens").number(),
      usage.get("cache_read_tokens").number(),
      usage.get("cache_creation_5m_tokens").number(),
      usage.get("cache_creation_1h_tokens").number()
    };
  }

  private static long[] requestsAndTokens(JsonTree usage) {
    long[] tokens = tokens(usage);
    return new long[] {
      usage.get("model_requests").number(), tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]
    };
  }

  private static double cost(JsonTree prices, Tokens tokens) {
    return (tokens.input() * prices.get("input").decimal()
            + tokens.output() * prices.get("output").decimal()
            + tokens.cacheRead() * prices.get("cache_read").decimal()
            + tokens.cacheWrite5m() * prices.get("cache_creation_5m").decimal()
            + tokens.cacheWrite1h() * prices.get("cache_creation_1h").decimal())
        / 1_000_000.0;
  }
}
