package dev.flightlog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A finished run of the CLI: exit code, what it printed, how long it took, and where its session's
 * files are. {@code stdout} is the {@code --output-format json} result object.
 */
public record ClaudeRun(
    int exitCode, String stdout, String stderr, Duration elapsed, ClaudeCli.Workspace workspace) {

  /** The JSON result the CLI printed ({@code type, subtype, is_error, session_id, usage, …}). */
  public Map<String, Object> result() {
    try {
      return Json.object(stdout.strip());
    } catch (IllegalArgumentException e) {
      throw new AssertionError("claude printed no JSON result; " + describe(), e);
    }
  }

  /** The session id from the JSON result. */
  public String sessionId() {
    var id = Json.string(result(), "session_id");
    if (id == null) {
      throw new AssertionError("the JSON result has no session_id; " + describe());
    }
    return id;
  }

  /** Whether the CLI reported the session as failed ({@code is_error} in the result). */
  public boolean isError() {
    return Boolean.TRUE.equals(result().get("is_error"));
  }

  /**
   * The folder holding this session's transcript ({@code projects/<encoded cwd>}), found by looking
   * for {@code <session id>.jsonl} rather than by re-implementing the CLI's path encoding.
   */
  public Path transcriptDir() {
    return java.util.Objects.requireNonNull(transcript().getParent());
  }

  /** The main transcript: {@code projects/<encoded cwd>/<session id>.jsonl}. */
  public Path transcript() {
    var name = sessionId() + ".jsonl";
    try (Stream<Path> files = Files.walk(workspace.projectsDir(), 2)) {
      return files
          .filter(f -> f.getFileName().toString().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no transcript "
                          + name
                          + " under "
                          + workspace.projectsDir()
                          + "; "
                          + describe()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The subagents of this session by the tool use id of the {@code Agent} call that started each,
   * to its agent id (the thread id flightlog stores), read from {@code subagents/*.meta.json}.
   */
  public Map<String, String> subagents() {
    var dir = transcriptDir().resolve(sessionId()).resolve("subagents");
    var byToolUse = new LinkedHashMap<String, String>();
    if (!Files.isDirectory(dir)) {
      return byToolUse;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (var meta : files.filter(f -> f.toString().endsWith(".meta.json")).sorted().toList()) {
        var name = meta.getFileName().toString();
        var agentId = name.substring("agent-".length(), name.length() - ".meta.json".length());
        var toolUseId = Json.string(Json.parse(Files.readString(meta)), "toolUseId");
        byToolUse.put(toolUseId == null ? "(no toolUseId in " + name + ")" : toolUseId, agentId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byToolUse;
  }

  /** The exit code, elapsed time, output and error output, for failure messages. */
  public String describe() {
    return "claude exited with "
        + exitCode
        + " after "
        + elapsed.toMillis()
        + " ms\nstdout: "
        + Json.abbreviate(stdout)
        + "\nstderr: "
        + abbreviate(stderr, 4000);
  }

  private static String abbreviate(@Nullable String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
