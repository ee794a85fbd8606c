package dev.flightlog.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts a generated corpus again from its files alone, the way a simple reader would, so the
 * generator's own ground truth can be checked against it: a model request is a unique (message id,
 * request id) pair of assistant lines, usage is taken from its first copy, a tool call's outcome is
 * read from its tool_result ({@code toolDenialKind}, the interrupt text, {@code is_error}).
 */
final class Recount {
  /** One model request as first seen. */
  record Request(String sessionId, String model, String date, Tokens tokens) {}

  final Map<String, Long> linesByType = new TreeMap<>();
  final Map<String, Long> attachmentsByType = new TreeMap<>();
  final Map<String, Long> systemBySubtype = new TreeMap<>();
  final Map<String, long[]> toolCalls = new TreeMap<>();
  final Map<String, Request> requests = new LinkedHashMap<>();
  final Set<String> denialKinds = new HashSet<>();
  final List<String> problems = new ArrayList<>();
  final Map<String, JsonTree> lastCostState = new HashMap<>();

  /** The directories right under {@code projects/} that hold a transcript. */
  final Set<String> projectDirs = new TreeSet<>();

  long lines;
  long sessionFiles;
  long subagentFiles;
  long metaFiles;
  long bytes;
  long prompts;
  long subagentPrompts;
  long apiErrorMessages;
  long parallelToolMessages;
  long thinkingBlocks;

  private final Map<String, String> toolNames = new HashMap<>();
  private final Map<String, Set<String>> toolUsesPerMessage = new HashMap<>();

  static Recount of(Path corpus) throws IOException {
    var recount = new Recount();
    var projects = corpus.resolve("projects");
    List<Path> files;
    try (var walk = Files.walk(projects)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    // Tool results can only be classified once every tool_use name is known.
    var results = new ArrayList<JsonTree>();
    for (var file : files) {
      recount.bytes += Files.size(file);
      String name = file.getFileName().toString();
      if (name.endsWith(".meta.json")) {
        recount.metaFiles++;
        recount.meta(file);
        continue;
      }
      boolean subagent = projects.relativize(file).toString().contains("/subagents/");
      recount.projectDirs.add(projects.relativize(file).getName(0).toString());
      if (subagent) {
        recount.subagentFiles++;
      } else {
        recount.sessionFiles++;
      }
      byte[] bytes = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          var line = JsonTree.parse(bytes, start, i - start);
          recount.line(file, line, subagent, results);
          start = i + 1;
        }
      }
      if (start != bytes.length) {
        recount.problems.add(file + " does not end with a newline");
      }
    }
    for (var result : results) {
      recount.toolResult(result);
    }
    return recount;
  }

  private void meta(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    var meta = JsonTree.parse(bytes, 0, bytes.length);
    var expected =
        List.of(
            "agentType",
            "isBuiltIn",
            "description",
            "toolUseId",
            "spawnDepth",
            "requestShape",
            "requestNonInteractive",
            "model",
            "pickedEffortModel",
            "finished");
    if (!meta.keys().equals(expected)) {
      problems.add(file + " has keys " + meta.keys());
    }
  }

  private void line(Path file, JsonTree line, boolean subagent, List<JsonTree> results) {
    lines++;
    String type = line.get("type").text();
    if (type.isEmpty()) {
      problems.add(file + ": a line without a type");
    }
    linesByType.merge(type, 1L, Long::sum);
    if (subagent != line.get("agentId").isPresent()) {
      problems.add(file + ": agentId presence does not match the file for a " + type);
    }
    switch (type) {
      case "attachment" ->
          attachmentsByType.merge(line.get("attachment", "type").text(), 1L, Long::sum);
      case "system" -> systemBySubtype.merge(line.get("subtype").text(), 1L, Long::sum);
      case "user" -> user(line, subagent, results);
      case "assistant" -> assistant(line);
      case "cost-state" -> lastCostState.put(line.get("sessionId").text(), line);
      default -> {}
    }
  }

  private void user(JsonTree line, boolean subagent, List<JsonTree> results) {
    var content = line.get("message", "content");
    if (content.isString()) {
      if (line.get("isSidechain").isTrue()) {
        subagentPrompts++;
      } else {
        prompts++;
      }
      if (line.get("isSidechain").isTrue() != subagent) {
        problems.add("isSidechain does not match the file of prompt " + line.get("uuid").text());
      }
      return;
    }
    for (var block : content.items()) {
      if (block.get("type").text().equals("tool_result")) {
        results.add(line);
      }
    }
  }

  private void assistant(JsonTree line) {
    var message = line.get("message");
    if (line.get("isApiErrorMessage").isTrue()) {
      apiErrorMessages++;
      return;
    }
    String key = message.get("id").text() + "|" + line.get("requestId").text();
    for (var block : message.get("content").items()) {
      switch (block.get("type").text()) {
        case "tool_use" -> {
          toolNames.put(block.get("id").text(), block.get("name").text());
          var uses = toolUsesPerMessage.computeIfAbsent(key, k -> new HashSet<>());
          uses.add(block.get("id").text());
          if (uses.size() == 2) {
            parallelToolMessages++;
          }
        }
        case "thinking" -> thinkingBlocks++;
        default -> {}
      }
    }
    if (requests.containsKey(key)) {
      return;
    }
    var usage = message.get("usage");
    var tokens =
        new Tokens(
            usage.get("input_tokens").number(),
            usage.get("output_tokens").number(),
            usage.get("cache_read_input_tokens").number(),
            usage.get("cache_creation", "ephemeral_5m_input_tokens").number(),
            usage.get("cache_creation", "ephemeral_1h_input_tokens").number());
    if (usage.get("cache_creation_input_tokens").number() != tokens.cacheWrite()) {
      problems.add("cache_creation_input_tokens is not 5m + 1h in " + key);
    }
    String timestamp = line.get("timestamp").text();
    requests.put(
        key,
        new Request(
            line.get("sessionId").text(),
            message.get("model").text(),
            timestamp.substring(0, 10),
            tokens));
  }

  private void toolResult(JsonTree line) {
    for (var block : line.get("message", "content").items()) {
      if (!block.get("type").text().equals("tool_result")) {
        continue;
      }
      String id = block.get("tool_use_id").text();
      String tool = toolNames.get(id);
      if (tool == null) {
        problems.add("a tool_result for an unknown tool_use " + id);
        continue;
      }
      int outcome;
      if (line.get("toolDenialKind").isPresent()) {
        denialKinds.add(line.get("toolDenialKind").text());
        outcome = 2;
      } else if (block.get("content").text().equals("[Request interrupted by user for tool use]")) {
        outcome = 3;
      } else if (block.get("is_error").isTrue()) {
        outcome = 1;
      } else {
        outcome = 0;
      }
      toolCalls.computeIfAbsent(tool, t -> new long[4])[outcome]++;
      if (!line.get("sourceToolAssistantUUID").isPresent()) {
        problems.add("tool_result " + id + " has no sourceToolAssistantUUID");
      }
    }
  }
}
