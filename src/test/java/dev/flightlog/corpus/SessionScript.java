package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Plays one session: decides its runs (the first and any resumed ones), prompts, model requests,
 * tool calls and their outcomes, foreground subagents and the times of everything, and has a {@link
 * Transcript} write each line. All choices come from the session's own random source, so a
 * session's bytes depend only on the corpus seed and its index.
 */
final class SessionScript {
  private static final JsonFactory JSON = new JsonFactory();

  /** The outcome of one turn (a prompt and the requests it took), for subagent hand-backs. */
  private static final class Turn {
    Tokens tokens = Tokens.ZERO;
    Tokens lastTokens = Tokens.ZERO;
    int toolUses;
    final Set<String> toolsUsed = new LinkedHashSet<>();
  }

  private final Filler filler;
  private final Tally tally;
  private final SplittableRandom random;
  private final Ids ids;
  private final Path projectDir;
  private final boolean small;
  private final SessionContext context;
  private final CostState cost;
  private final Choices choices;
  private final Set<String> mainToolsUsed = new TreeSet<>();
  private long now;

  SessionScript(
      Filler filler, Tally tally, long seed, Project project, Path projectDir, boolean small) {
    this.filler = filler;
    this.tally = tally;
    this.random = new SplittableRandom(seed);
    this.ids = new Ids(random);
    this.choices = new Choices(random, ids, new Tools(filler, random, project.cwd()), small);
    this.projectDir = projectDir;
    this.small = small;
    this.context =
        new SessionContext(
            ids.uuid(),
            project.cwd(),
            project.gitBranch(),
            choices.pick(List.of("medium", "medium", "high", "low")),
            random.nextInt(5) == 0 ? "acceptEdits" : "default",
            project.hookCommand(),
            small);
    long span = CorpusGenerator.WINDOW_END_MS - CorpusGenerator.WINDOW_START_MS;
    this.now =
        CorpusGenerator.WINDOW_START_MS
            + (long) (random.nextDouble() * (span - 4 * UtcMillis.DAY_MS));
    this.cost = new CostState(now);
  }

  String sessionId() {
    return context.sessionId();
  }

  /** Writes the session's files and counts them; returns the bytes written. */
  long write() throws IOException {
    Files.createDirectories(projectDir);
    Path file = projectDir.resolve(context.sessionId() + ".jsonl");
    int runs = small || random.nextInt(100) >= 12 ? 1 : 2 + random.nextInt(2);
    tally.sessions++;
    tally.sessionFiles++;
    if (runs > 1) {
      tally.resumedSessions++;
    }
    Model model = choices.pickModel();
    for (int run = 0; run < runs; run++) {
      tally.runs++;
      if (run > 0) {
        now += 600_000 + (long) (random.nextDouble() * UtcMillis.DAY_MS);
        if (random.nextInt(4) == 0) {
          model = choices.pickModel();
        }
      }
      try (var main = new Transcript(file, run > 0, context, null, tally, filler, random, ids)) {
        run(main, model, run);
      }
    }
    tally.costStateTotalUsd += cost.totalCostUsd();
    long bytes = Files.size(file);
    var subagents = projectDir.resolve(context.sessionId()).resolve("subagents");
    if (Files.isDirectory(subagents)) {
      try (var files = Files.list(subagents)) {
        for (var path : (Iterable<Path>) files::iterator) {
          bytes += Files.size(path);
        }
      }
    }
    return bytes;
  }

  /** One run of {@code claude -p}: prompts until it exits, then its cost-state line. */
  private void run(Transcript main, Model model, int run) throws IOException {
    int prompts = small ? 1 : 1 + Math.min(11, choices.geometric(0.35));
    String shapeHash = ids.sha256();
    boolean shapeWritten = false;
    long day = UtcMillis.day(now);
    for (int p = 0; p < prompts; p++) {
      String promptId = ids.uuid();
      String text = choices.promptText();
      main.records().queueOperation(true, text, now);
      now += 2;
      main.records().queueOperation(false, null, now);
      now += 40 + random.nextInt(60);
      main.userPrompt(promptId, text, p, run + 1, now);
      tally.prompts++;
      if (p == 0 && run == 0) {
        main.attachments().startAttachments(model, now);
      } else if (p == 0) {
        main.attachments().modelAttachment(model, now);
        main.attachments().dateAttachment(now);
        main.attachments().promptSnapshot(4_000 + random.nextInt(3_000), now);
      } else if (UtcMillis.day(now) != day) {
        main.attachments().dateAttachment(now);
      }
      day = UtcMillis.day(now);
      boolean fatal = !small && p == prompts - 1 && random.nextInt(60) == 0;
      turn(main, promptId, text, model, shapeWritten ? null : shapeHash, shapeHash, fatal);
      shapeWritten = true;
      now += 5_000 + (long) (random.nextDouble() * 600_000);
    }
    if (run > 0) {
      main.records().mode();
    }
    main.records().costState(cost, now);
  }

  /**
   * One turn: requests until the model answers without tools, the user interrupts, or a fatal API
   * error ends it. {@code newShape} is the shape hash to write before the first request, or null
   * when this transcript already has it.
   */
  private Turn turn(
      Transcript t,
      String promptId,
      String promptText,
      Model model,
      @Nullable String newShape,
      String shapeHash,
      boolean fatal)
      throws IOException {
    var turn = new Turn();
    boolean main = !t.inSubagent();
    int rounds = small ? 1 + random.nextInt(2) : 1 + Math.min(24, choices.geometric(0.2));
    @Nullable String base = null;
    @Nullable Slice lastOutput = null;
    @Nullable ToolCall retry = null;
    long conversation = 4_000L + random.nextInt(20_000);
    for (int round = 0; round < rounds; round++) {
      boolean last = round == rounds - 1;
      if (round == 0 && newShape != null) {
        t.records().apiRequestShape(newShape, now);
      }
      var tail = new ArrayList<String>(2);
      if (round == 0) {
        tail.add(t.records().apiRequestBlob("user", promptText, null));
        tail.add(
            t.records().apiRequestBlob("system", null, filler.slice(random, small ? 800 : 9_000)));
      } else if (lastOutput != null && random.nextInt(5) < 3) {
        tail.add(t.records().apiRequestBlob("user", null, lastOutput));
      }
      String requestLine = ids.uuid();
      t.records().apiRequest(requestLine, now, shapeHash, model, base, 2 * round, tail);
      base = requestLine;
      if (main && round == 0) {
        t.records().lastPrompt(promptText);
        t.records().atisLatch();
      }
      if (!small && random.nextInt(60) == 0) {
        now += 300 + random.nextInt(2_000);
        t.systemApiError(ids.requestId(), 1, now);
        tally.apiRetries++;
        now += 500 + random.nextInt(4_000);
        requestLine = ids.uuid();
        t.records().apiRequest(requestLine, now, shapeHash, model, base, 2 * round, tail);
        base = requestLine;
      }
      if (fatal && round == 0) {
        now += 300 + random.nextInt(1_000);
        t.syntheticApiError(ids.requestId(), now);
        tally.apiErrorMessages++;
        return turn;
      }

      var blocks = new ArrayList<Block>(4);
      if (random.nextInt(100) < 35) {
        blocks.add(new Block.Thinking(100 + random.nextInt(1_900)));
      }
      var calls = new ArrayList<ToolCall>(4);
      if (last) {
        blocks.add(new Block.Text(50 + random.nextInt(2_500)));
      } else {
        if (random.nextInt(100) < 60) {
          blocks.add(new Block.Text(30 + random.nextInt(600)));
        }
        int parallel = random.nextInt(100) < 15 ? 2 + random.nextInt(3) : 1;
        for (int i = 0; i < parallel; i++) {
          var call = i == 0 && retry != null ? retry : choices.nextCall(main);
          calls.add(call);
          blocks.add(new Block.ToolUse(call));
        }
        retry = null;
      }
      conversation = Math.min(150_000, conversation + 1_000 + random.nextInt(8_000));
      Tokens tokens = choices.tokens(round, conversation, last);
      var response =
          new Response(
              ids.messageId(),
              ids.requestId(),
              requestLine,
              model,
              last ? "end_turn" : "tool_use",
              tokens);
      long latency = 600 + tokens.output() * 8 + random.nextInt(3_000);
      long first = now + latency;
      long at = first;
      var assistantUuids = new ArrayList<String>(calls.size());
      for (int i = 0; i < blocks.size(); i++) {
        long next = at + 5 + random.nextInt(300);
        // Streamed copies of one response stay on its first block's UTC day.
        at = UtcMillis.day(next) == UtcMillis.day(first) ? next : at;
        String uuid = t.assistant(response, blocks.get(i), i, null, at);
        if (blocks.get(i) instanceof Block.ToolUse) {
          assistantUuids.add(uuid);
        }
      }
      now = at;
      tally.request(model, first, tokens, !main);
      cost.request(model, tokens, latency);
      turn.tokens = turn.tokens.plus(tokens);
      turn.lastTokens = tokens;

      boolean interrupted = false;
      for (int i = 0; i < calls.size(); i++) {
        var call = calls.get(i);
        String assistantUuid = assistantUuids.get(i);
        interrupted |= call.outcome() == Outcome.INTERRUPTED;
        lastOutput = toolCall(t, promptId, call, assistantUuid, model, turn);
        if (call.outcome() == Outcome.ERROR
            && (call.name().equals("Bash") || call.name().equals("Edit"))
            && random.nextInt(10) < 6) {
          retry = new ToolCall(ids.toolUseId(), call.name(), Outcome.OK, 200, call.target());
        }
      }
      if (!calls.isEmpty() && context.hooks()) {
        t.attachments()
            .hookSuccess("PostToolBatch", "PostToolBatch", "hook-" + ids.uuid(), null, now);
      }
      if (interrupted) {
        now += 200 + random.nextInt(2_000);
        t.interruptMarker(promptId, now);
        return turn;
      }
      now += 30 + random.nextInt(400);
    }
    if (main && context.hooks()) {
      String hookId = ids.uuid();
      now += 20 + random.nextInt(200);
      t.attachments().hookSuccess("Stop", "Stop", hookId, null, now);
      t.systemStopHookSummary(hookId, now);
    }
    if (main) {
      t.records().lastPrompt(promptText);
    }
    return turn;
  }

  /** Runs one tool call (and, for {@code Agent}, its subagent); returns its output, if any. */
  private @Nullable Slice toolCall(
      Transcript t, String promptId, ToolCall call, String assistantUuid, Model model, Turn turn)
      throws IOException {
    boolean hooks = context.hooks();
    boolean checked =
        call.outcome() != Outcome.UNKNOWN_TOOL && call.outcome() != Outcome.INVALID_INPUT;
    if (hooks && checked) {
      t.attachments()
          .hookSuccess(
              "PreToolUse:" + call.name(), "PreToolUse", call.id(), assistantUuid, now + 3);
    }
    @Nullable SubagentRun agentRun = null;
    if (call.name().equals("Agent")) {
      agentRun = subagent(promptId, call, model);
    }
    long duration =
        switch (call.name()) {
          case "Bash" -> 30 + random.nextInt(random.nextInt(10) == 0 ? 90_000 : 3_000);
          case "WebFetch" -> 300 + random.nextInt(5_000);
          default -> 2 + random.nextInt(150);
        };
    now += duration;
    cost.toolDurationMs += duration;
    @Nullable Slice output =
        call.outcome() == Outcome.OK ? filler.slice(random, call.outputBytes()) : null;
    if (call.outcome() == Outcome.OK && call.name().equals("Edit")) {
      cost.linesAdded += 1 + random.nextInt(20);
      cost.linesRemoved += random.nextInt(10);
    }
    String resultUuid = t.toolResult(promptId, call, assistantUuid, output, agentRun, now);
    tally.toolCall(call.name(), call.outcome(), t.inSubagent());
    turn.toolUses++;
    turn.toolsUsed.add(call.name());
    if (hooks && (call.outcome() == Outcome.OK || call.outcome() == Outcome.ERROR)) {
      String event = call.outcome() == Outcome.OK ? "PostToolUse" : "PostToolUseFailure";
      t.attachments().hookSuccess(event + ":" + call.name(), event, call.id(), resultUuid, now - 1);
    }
    if (!t.inSubagent() && checked && mainToolsUsed.add(call.name())) {
      t.records().toolsUsed(mainToolsUsed);
    }
    return output;
  }

  /** A foreground subagent: its own transcript and meta file, then its report. */
  private SubagentRun subagent(String parentPromptId, ToolCall call, Model parentModel)
      throws IOException {
    String agentId = ids.agentId();
    Model model = random.nextInt(10) < 3 ? Model.HAIKU_4_5 : parentModel;
    Path dir = projectDir.resolve(context.sessionId()).resolve("subagents");
    Files.createDirectories(dir);
    String prompt = "Investigate and report: " + call.target();
    long started = now;
    Turn turn;
    try (var sub =
        new Transcript(
            dir.resolve("agent-" + agentId + ".jsonl"),
            false,
            context,
            agentId,
            tally,
            filler,
            random,
            ids)) {
      sub.userPrompt(parentPromptId, prompt, 0, 0, now);
      if (context.hooks()) {
        sub.attachments()
            .hookSuccess(
                "SubagentStart:general-purpose", "SubagentStart", ids.uuid(), null, now + 20);
      }
      sub.attachments().startAttachments(model, now + 60);
      now += 80;
      String shapeHash = ids.sha256();
      turn = turn(sub, parentPromptId, prompt, model, shapeHash, shapeHash, false);
      if (context.hooks()) {
        now += 20;
        sub.attachments().hookSuccess("SubagentStop", "SubagentStop", ids.uuid(), null, now);
      }
    }
    try (var out = Files.newOutputStream(dir.resolve("agent-" + agentId + ".meta.json"));
        var gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      gen.writeStartObject();
      gen.writeStringField("agentType", "general-purpose");
      gen.writeBooleanField("isBuiltIn", true);
      gen.writeStringField("description", call.target());
      gen.writeStringField("toolUseId", call.id());
      gen.writeNumberField("spawnDepth", 1);
      gen.writeStringField("requestShape", "foreground");
      gen.writeBooleanField("requestNonInteractive", true);
      gen.writeStringField("model", model.id);
      gen.writeStringField("pickedEffortModel", model.id);
      gen.writeBooleanField("finished", true);
      gen.writeEndObject();
    }
    tally.subagents++;
    tally.subagentFiles++;
    tally.subagentPrompts++;
    return new SubagentRun(
        agentId,
        "general-purpose",
        prompt,
        "SUBAGENT REPORT: " + Filler.plainLines(random, 2),
        List.copyOf(turn.toolsUsed),
        model,
        turn.lastTokens,
        turn.tokens.total(),
        turn.toolUses,
        now - started);
  }
}
