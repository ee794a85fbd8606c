package dev.flightlog.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training run for the JDK's AOT cache: imports a small built-in transcript into a throw-away
 * database and renders every report in every format, so the classes every command needs are loaded,
 * linked and cached. {@code bin/flightlog} runs it once per build, in the background, with {@code
 * -XX:AOTCacheOutput}. Hidden from help: users never need it.
 */
@Command(
    name = "warmup",
    hidden = true,
    description = "Train the start-up cache (run by bin/flightlog).")
final class WarmupCommand implements Callable<Integer> {

  private static final String SESSION = "00000000-0000-4000-8000-000000000000";

  /** A few lines in Claude Code's 2.1.x transcript shape: a prompt, a tool call, its result. */
  private static final String TRANSCRIPT =
      """
      {"type":"user","promptId":"p","message":{"role":"user","content":"warm up"},"uuid":"u1","timestamp":"2026-01-01T00:00:00.000Z","cwd":"/warmup","sessionId":"%1$s","version":"2.1.328","gitBranch":"main","isSidechain":false,"parentUuid":null,"userType":"external","entrypoint":"sdk-cli"}
      {"type":"assistant","message":{"id":"msg_w","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"toolu_w","name":"Bash","input":{"command":"true"}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1,"cache_read_input_tokens":1,"cache_creation_input_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":1,"ephemeral_1h_input_tokens":0}}},"requestId":"req_w","uuid":"a1","parentUuid":"u1","timestamp":"2026-01-01T00:00:01.000Z","cwd":"/warmup","sessionId":"%1$s","version":"2.1.328","gitBranch":"main","isSidechain":false,"userType":"external","entrypoint":"sdk-cli"}
      {"type":"user","promptId":"p","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_w","content":"","is_error":false}]},"toolUseResult":{"stdout":"","stderr":"","interrupted":false},"uuid":"u2","parentUuid":"a1","timestamp":"2026-01-01T00:00:02.000Z","cwd":"/warmup","sessionId":"%1$s","version":"2.1.328","gitBranch":"main","isSidechain":false,"userType":"external","entrypoint":"sdk-cli"}
      {"type":"cost-state","sessionId":"%1$s","totalCostUSD":0.001,"modelUsage":{"claude-sonnet-4-5-20250929":{"inputTokens":1,"outputTokens":1,"cacheReadInputTokens":1,"cacheCreationInputTokens":1,"costUSD":0.001}}}
      """
          .formatted(SESSION);

  private final Environment environment;

  WarmupCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    var dir = Files.createTempDirectory("flightlog-warmup");
    try {
      var projects = Files.createDirectories(dir.resolve("claude/projects/-warmup"));
      Files.writeString(projects.resolve(SESSION + ".jsonl"), TRANSCRIPT, StandardCharsets.UTF_8);
      var variables = new HashMap<>(environment.variables());
      variables.put("FLIGHTLOG_HOME", dir.resolve("home").toString());
      variables.remove("FLIGHTLOG_DB");
      var quiet = new Environment(variables, environment.userHome(), environment.osName(), false);
      var sink = new PrintWriter(Writer.nullWriter());
      var db = dir.resolve("warmup.db").toString();
      run(quiet, sink, "import", dir.resolve("claude").toString(), "--db", db);
      for (var report : List.of("overview", "tools", "sessions", "daily")) {
        for (var format : List.of("table", "json", "csv")) {
          run(quiet, sink, "report", report, "--format", format, "--db", db);
        }
      }
      for (var format : List.of("jsonl", "csv")) {
        run(quiet, sink, "export", "--kind", "tool_calls", "--format", format, "--db", db);
      }
      run(quiet, sink, "--help");
      return Main.OK;
    } finally {
      delete(dir);
    }
  }

  private static void run(Environment environment, PrintWriter sink, String... args) {
    int code = Main.run(args, environment, sink, sink);
    if (code != Main.OK) {
      throw new IllegalStateException(
          "warm-up step failed with exit code " + code + ": " + String.join(" ", args));
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the warm-up folder " + dir, e);
    }
  }
}
