package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ground truth of a corpus: what the generator wrote, counted as it wrote it. Streamed copies
 * of one model response (one line per content block) are counted once; subagent work is counted in
 * the totals and also on its own. One tally per session is merged in session order, so the
 * floating-point sums do not depend on how sessions were scheduled.
 */
final class Tally {
  static final String[] OUTCOMES = {"ok", "error", "denied", "interrupted"};

  /** Requests, tokens and cost of one day or one model. */
  static final class Usage {
    long requests;
    Tokens tokens = Tokens.ZERO;
    double costUsd;

    void add(Tokens more, double cost) {
      requests++;
      tokens = tokens.plus(more);
      costUsd += cost;
    }

    void merge(Usage other) {
      requests += other.requests;
      tokens = tokens.plus(other.tokens);
      costUsd += other.costUsd;
    }
  }

  long sessions;
  long runs;
  long resumedSessions;
  long prompts;
  long subagentPrompts;
  long subagents;
  long subagentToolCalls;
  long subagentRequests;
  long apiErrorMessages;
  long apiRetries;
  long sessionFiles;
  long subagentFiles;
  long bytes;
  double costStateTotalUsd;
  final Usage total = new Usage();
  final Map<String, Long> linesByType = new TreeMap<>();
  final Map<String, Long> attachmentsByType = new TreeMap<>();
  final Map<String, Long> systemBySubtype = new TreeMap<>();
  final Map<String, long[]> toolCalls = new TreeMap<>();
  final Map<String, Usage> byDay = new TreeMap<>();
  final Map<String, Usage> byModel = new TreeMap<>();

  /** The working directories that got at least one session (not the whole pool drawn from). */
  final Set<String> projects = new TreeSet<>();

  void line(String type) {
    linesByType.merge(type, 1L, Long::sum);
  }

  void attachment(String type) {
    line("attachment");
    attachmentsByType.merge(type, 1L, Long::sum);
  }

  void system(String subtype) {
    line("system");
    systemBySubtype.merge(subtype, 1L, Long::sum);
  }

  void toolCall(String tool, Outcome outcome, boolean inSubagent) {
    var counts = toolCalls.computeIfAbsent(tool, name -> new long[OUTCOMES.length]);
    counts[outcomeIndex(outcome)]++;
    if (inSubagent) {
      subagentToolCalls++;
    }
  }

  void request(Model model, long epochMs, Tokens tokens, boolean inSubagent) {
    double cost = model.costUsd(tokens);
    total.add(tokens, cost);
    byDay.computeIfAbsent(UtcMillis.date(epochMs), day -> new Usage()).add(tokens, cost);
    byModel.computeIfAbsent(model.id, id -> new Usage()).add(tokens, cost);
    if (inSubagent) {
      subagentRequests++;
    }
  }

  /** The position of an outcome in {@link #OUTCOMES}. */
  private static int outcomeIndex(Outcome outcome) {
    return switch (outcome) {
      case OK -> 0;
      case ERROR, UNKNOWN_TOOL, INVALID_INPUT -> 1;
      case DENIED_BY_USER, DENIED_BY_RULE -> 2;
      case INTERRUPTED -> 3;
    };
  }

  void merge(Tally other) {
    sessions += other.sessions;
    runs += other.runs;
    resumedSessions += other.resumedSessions;
    prompts += other.prompts;
    subagentPrompts += other.subagentPrompts;
    subagents += other.subagents;
    subagentToolCalls += other.subagentToolCalls;
    subagentRequests += other.subagentRequests;
    apiErrorMessages += other.apiErrorMessages;
    apiRetries += other.apiRetries;
    sessionFiles += other.sessionFiles;
    subagentFiles += other.subagentFiles;
    bytes += other.bytes;
    costStateTotalUsd += other.costStateTotalUsd;
    projects.addAll(other.projects);
    total.merge(other.total);
    other.linesByType.forEach((key, value) -> linesByType.merge(key, value, Long::sum));
    other.attachmentsByType.forEach((key, value) -> attachmentsByType.merge(key, value, Long::sum));
    other.systemBySubtype.forEach((key, value) -> systemBySubtype.merge(key, value, Long::sum));
    other.toolCalls.forEach(
        (tool, counts) -> {
          var mine = toolCalls.computeIfAbsent(tool, name -> new long[OUTCOMES.length]);
          for (int i = 0; i < counts.length; i++) {
            mine[i] += counts[i];
          }
        });
    other.byDay.forEach((day, usage) -> byDay.computeIfAbsent(day, d -> new Usage()).merge(usage));
    other.byModel.forEach(
        (model, usage) -> byModel.computeIfAbsent(model, m -> new Usage()).merge(usage));
  }

  /** Writes {@code ground_truth.json}; the README in {@code bench/} documents every field. */
  void write(Path file, long seed) throws IOException {
    try (var out = Files.newOutputStream(file);
        var gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      gen.useDefaultPrettyPrinter();
      gen.writeStartObject();
      gen.writeStringField("generator", CorpusGenerator.class.getName());
      gen.writeNumberField("format_version", 1);
      gen.writeNumberField("seed", seed);
      gen.writeStringField("claude_code_version", Transcript.VERSION);
      gen.writeObjectFieldStart("window");
      gen.writeStringField("from", UtcMillis.date(CorpusGenerator.WINDOW_START_MS));
      gen.writeStringField("until_exclusive", UtcMillis.date(CorpusGenerator.WINDOW_END_MS));
      gen.writeEndObject();
      gen.writeObjectFieldStart("files");
      gen.writeNumberField("sessions", sessionFiles);
      gen.writeNumberField("subagents", subagentFiles);
      gen.writeNumberField("subagent_meta", subagentFiles);
      gen.writeNumberField("transcript_bytes", bytes);
      gen.writeEndObject();
      gen.writeObjectFieldStart("lines");
      gen.writeNumberField("total", linesByType.values().stream().mapToLong(Long::longValue).sum());
      counts(gen, "by_type", linesByType);
      counts(gen, "attachments_by_type", attachmentsByType);
      counts(gen, "system_by_subtype", systemBySubtype);
      gen.writeEndObject();
      gen.writeNumberField("projects", projects.size());
      gen.writeNumberField("sessions", sessions);
      gen.writeNumberField("runs", runs);
      gen.writeNumberField("resumed_sessions", resumedSessions);
      gen.writeNumberField("prompts", prompts);
      gen.writeNumberField("subagents", subagents);
      gen.writeNumberField("subagent_prompts", subagentPrompts);
      writeToolCalls(gen);
      gen.writeNumberField("model_requests", total.requests);
      gen.writeNumberField("subagent_model_requests", subagentRequests);
      gen.writeNumberField("api_error_messages", apiErrorMessages);
      gen.writeNumberField("api_retries", apiRetries);
      gen.writeFieldName("usage");
      tokens(gen, total.tokens);
      gen.writeNumberField("cost_usd", total.costUsd);
      gen.writeNumberField("cost_state_total_usd", costStateTotalUsd);
      gen.writeArrayFieldStart("by_day");
      for (var day : byDay.entrySet()) {
        gen.writeStartObject();
        gen.writeStringField("date", day.getKey());
        usageFields(gen, day.getValue());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeObjectFieldStart("by_model");
      for (var model : byModel.entrySet()) {
        gen.writeObjectFieldStart(model.getKey());
        usageFields(gen, model.getValue());
        gen.writeEndObject();
      }
      gen.writeEndObject();
      gen.writeObjectFieldStart("prices_per_million");
      for (var model : Model.values()) {
        var prices = model.pricesPerMillion();
        gen.writeObjectFieldStart(model.id);
        gen.writeNumberField("input", prices[0]);
        gen.writeNumberField("output", prices[1]);
        gen.writeNumberField("cache_read", prices[2]);
        gen.writeNumberField("cache_creation_5m", prices[3]);
        gen.writeNumberField("cache_creation_1h", prices[4]);
        gen.writeBooleanField("publicly_listed", model != Model.OPUS_5_5);
        gen.writeEndObject();
      }
      gen.writeEndObject();
      gen.writeEndObject();
    }
  }

  private void writeToolCalls(JsonGenerator gen) throws IOException {
    var byOutcome = new long[OUTCOMES.length];
    long all = 0;
    for (var counts : toolCalls.values()) {
      for (int i = 0; i < counts.length; i++) {
        byOutcome[i] += counts[i];
        all += counts[i];
      }
    }
    gen.writeObjectFieldStart("tool_calls");
    gen.writeNumberField("total", all);
    gen.writeNumberField("in_subagents", subagentToolCalls);
    gen.writeObjectFieldStart("by_outcome");
    for (int i = 0; i < OUTCOMES.length; i++) {
      gen.writeNumberField(OUTCOMES[i], byOutcome[i]);
    }
    gen.writeEndObject();
    gen.writeObjectFieldStart("by_tool");
    for (var tool : toolCalls.entrySet()) {
      gen.writeObjectFieldStart(tool.getKey());
      long sum = 0;
      for (long count : tool.getValue()) {
        sum += count;
      }
      gen.writeNumberField("total", sum);
      for (int i = 0; i < OUTCOMES.length; i++) {
        gen.writeNumberField(OUTCOMES[i], tool.getValue()[i]);
      }
      gen.writeEndObject();
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  private static void counts(JsonGenerator gen, String name, Map<String, Long> counts)
      throws IOException {
    gen.writeObjectFieldStart(name);
    for (var entry : counts.entrySet()) {
      gen.writeNumberField(entry.getKey(), entry.getValue());
    }
    gen.writeEndObject();
  }

  private static void usageFields(JsonGenerator gen, Usage usage) throws IOException {
    gen.writeNumberField("model_requests", usage.requests);
    writeTokenFields(gen, usage.tokens);
    gen.writeNumberField("cost_usd", usage.costUsd);
  }

  private static void tokens(JsonGenerator gen, Tokens tokens) throws IOException {
    gen.writeStartObject();
    writeTokenFields(gen, tokens);
    gen.writeEndObject();
  }

  private static void writeTokenFields(JsonGenerator gen, Tokens tokens) throws IOException {
    gen.writeNumberField("input_tokens", tokens.input());
    gen.writeNumberField("output_tokens", tokens.output());
    gen.writeNumberField("cache_read_tokens", tokens.cacheRead());
    gen.writeNumberField("cache_creation_5m_tokens", tokens.cacheWrite5m());
    gen.writeNumberField("cache_creation_1h_tokens", tokens.cacheWrite1h());
    gen.writeNumberField("cache_creation_tokens", tokens.cacheWrite());
  }
}
