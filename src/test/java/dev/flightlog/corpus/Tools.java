package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tools a generated model calls and what each one's input, result and {@code toolUseResult}
 * look like for every {@link Outcome}, following the observed Claude Code 2.1.328 shapes (error
 * texts are the real ones: "File does not exist…", "Exit code N", "String to replace not found in
 * file.", "No such tool available: X", the two denial texts).
 */
final class Tools {
  /** Tool names in rough proportion to how often coding sessions call them. */
  static final List<String> WEIGHTED =
      List.of(
          "Bash",
          "Bash",
          "Bash",
          "Bash",
          "Bash",
          "Bash",
          "Read",
          "Read",
          "Read",
          "Read",
          "Read",
          "Edit",
          "Edit",
          "Edit",
          "Grep",
          "Grep",
          "Glob",
          "Write",
          "TodoWrite",
          "WebFetch",
          "mcp__github__get_issue");

  static final List<String> UNKNOWN = List.of("NotebookRead", "FetchUrl", "ReadFile", "Search");

  private static final List<String> COMMANDS =
      List.of(
          "git status",
          "git diff --stat",
          "ls -la src",
          "npm test",
          "./mvnw -q -o test",
          "cargo build",
          "pytest -q tests",
          "go test ./...",
          "grep -rn TODO src | head -50",
          "cat package.json",
          "git log --oneline -20",
          "make lint");
  static final List<String> FILES =
      List.of(
          "src/main/java/app/Server.java",
          "src/routes/index.ts",
          "README.md",
          "pyproject.toml",
          "src/lib.rs",
          "internal/store/store.go",
          "tests/test_parser.py",
          "package.json",
          "src/components/Table.tsx",
          "docs/ARCHITECTURE.md");

  private final Filler filler;
  private final SplittableRandom random;
  private final String cwd;

  Tools(Filler filler, SplittableRandom random, String cwd) {
    this.filler = filler;
    this.random = random;
    this.cwd = cwd;
  }

  /** A target (command, path, pattern or URL) suitable for a call of {@code tool}. */
  String target(String tool) {
    return switch (tool) {
      case "Bash" -> pick(COMMANDS);
      case "Grep" -> pick(List.of("TODO", "fn main", "class .*Handler", "import React"));
      case "Glob" -> pick(List.of("**/*.java", "src/**/*.ts", "**/*.py", "**/Cargo.toml"));
      case "WebFetch" ->
          pick(
              List.of(
                  "https://docs.python.org/3/library/json.html",
                  "https://developer.mozilla.org/en-US/docs/Web/API/fetch",
                  "https://go.dev/doc/effective_go"));
      case "mcp__github__get_issue" -> Integer.toString(1 + random.nextInt(4_000));
      case "Agent" -> pick(List.of("Survey the test suite", "Find all callers", "Review diff"));
      case "TodoWrite" -> "todos";
      default -> cwd + "/" + pick(FILES);
    };
  }

  void writeInput(JsonGenerator gen, ToolCall call) throws IOException {
    gen.writeStartObject();
    if (call.outcome() == Outcome.INVALID_INPUT) {
      gen.writeStringField("path", call.target());
      gen.writeEndObject();
      return;
    }
    switch (call.name()) {
      case "Bash" -> {
        gen.writeStringField("command", call.target());
        gen.writeStringField("description", "Run " + call.target().split(" ", 2)[0]);
        if (random.nextInt(5) == 0) {
          gen.writeNumberField("timeout", 120000);
        }
      }
      case "Read" -> {
        gen.writeStringField("file_path", call.target());
        if (random.nextInt(6) == 0) {
          gen.writeNumberField("offset", 1 + random.nextInt(400));
          gen.writeNumberField("limit", 200);
        }
      }
      case "Edit" -> {
        gen.writeStringField("file_path", call.target());
        gen.writeFieldName("old_string");
        filler.write(gen, random, 40 + random.nextInt(400));
        gen.writeFieldName("new_string");
        filler.write(gen, random, 40 + random.nextInt(600));
        gen.writeBooleanField("replace_all", false);
      }
      case "Write" -> {
        gen.writeStringField("file_path", call.target());
        gen.writeFieldName("content");
        filler.write(gen, random, 200 + random.nextInt(8_000));
      }
      case "Grep" -> {
        gen.writeStringField("pattern", call.target());
        gen.writeStringField("path", cwd);
        gen.writeStringField("output_mode", "files_with_matches");
      }
      case "Glob" -> gen.writeStringField("pattern", call.target());
      case "TodoWrite" -> {
        gen.writeArrayFieldStart("todos");
        todos(gen);
        gen.writeEndArray();
      }
      case "WebFetch" -> {
        gen.writeStringField("url", call.target());
        gen.writeStringField("prompt", "Summarise the parts relevant to error handling");
      }
      case "mcp__github__get_issue" -> {
        gen.writeStringField("owner", "acme");
        gen.writeStringField("repo", "platform");
        gen.writeNumberField("issue_number", Integer.parseInt(call.target()));
      }
      case "Agent" -> {
        gen.writeStringField("description", call.target());
        gen.writeStringField("prompt", "Investigate and report: " + call.target());
        gen.writeStringField("subagent_type", "general-purpose");
        gen.writeBooleanField("run_in_background", false);
      }
      default -> gen.writeStringField("notebook_path", call.target());
    }
    gen.writeEndObject();
  }

  void todos(JsonGenerator gen) throws IOException {
    for (var step : List.of("Reproduce the failure", "Fix the parser", "Run the test suite")) {
      gen.writeStartObject();
      gen.writeStringField("content", step);
      gen.writeStringField("status", random.nextBoolean() ? "completed" : "pending");
      gen.writeStringField("activeForm", step + "ing");
      gen.writeEndObject();
    }
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
