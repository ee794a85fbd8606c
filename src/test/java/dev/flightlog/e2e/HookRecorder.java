package dev.flightlog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Command hooks for every event Claude Code accepts that save each payload they receive, to prove
 * which hooks fired and with what. Each delivery is its own file, named by the microsecond it
 * started and the hook's process id ({@code <µs>-<pid>.json}), so hooks that run concurrently (a
 * batch of read-only tools) never interleave their writes.
 */
public final class HookRecorder {

  /**
   * Every hook event Claude Code 2.1.328 accepts, except {@code WorktreeCreate} and {@code
   * WorktreeRemove}: a hook there replaces git-worktree creation instead of observing it.
   */
  public static final List<String> EVENTS =
      List.of(
          "PreToolUse",
          "PostToolUse",
          "PostToolUseFailure",
          "PostToolBatch",
          "Notification",
          "UserPromptSubmit",
          "UserPromptExpansion",
          "SessionStart",
          "SessionEnd",
          "Stop",
          "StopFailure",
          "SubagentStart",
          "SubagentStop",
          "PreCompact",
          "PostCompact",
          "PreModelSwitch",
          "PostModelSwitch",
          "PermissionRequest",
          "PermissionDenied",
          "Setup",
          "TeammateIdle",
          "TaskCreated",
          "TaskCompleted",
          "Elicitation",
          "ElicitationResult",
          "ConfigChange",
          "InstructionsLoaded",
          "CwdChanged",
          "FileChanged",
          "DirectoryAdded",
          "MessageDisplay");

  /** The events whose hooks take a tool matcher. */
  private static final List<String> TOOL_EVENTS =
      List.of(
          "PreToolUse",
          "PostToolUse",
          "PostToolUseFailure",
          "PermissionRequest",
          "PermissionDenied");

  private final Path dir;

  private HookRecorder(Path dir) {
    this.dir = dir;
  }

  /** A recorder that saves deliveries into {@code dir} (created). */
  public static HookRecorder in(Path dir) {
    try {
      return new HookRecorder(Files.createDirectories(dir).toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * The shell command every hook runs: stdin into a fresh file named by the microsecond the hook
   * started and its process id. It forks nothing: {@code sh} becomes {@code bash} (for {@code
   * EPOCHREALTIME}) becomes {@code cat}, so a hook the CLI does not wait for (StopFailure, at
   * shutdown) still has its payload saved before the CLI exits.
   */
  String command() {
    if (dir.toString().contains("'")) {
      throw new IllegalStateException("a hook directory cannot contain a quote: " + dir);
    }
    return "exec bash -c 'exec cat > \"$0/${EPOCHREALTIME/./}-$$.json\"' '" + dir + "'";
  }

  /** The {@code hooks} object of a settings file: this recorder's command for every event. */
  public Map<String, Object> hooks() {
    var hooks = new LinkedHashMap<String, Object>();
    for (var event : EVENTS) {
      var group = new LinkedHashMap<String, Object>();
      if (TOOL_EVENTS.contains(event)) {
        group.put("matcher", "*");
      }
      group.put("hooks", List.of(Map.of("type", "command", "command", command(), "timeout", 30)));
      hooks.put(event, List.of(group));
    }
    return hooks;
  }

  /**
   * Adds these hooks to the workspace's settings file, after any hooks already there (for example
   * those {@code flightlog install} wrote), keeping every other setting.
   */
  public void addTo(ClaudeCli.Workspace workspace) {
    var settings = workspace.settings();
    var merged = new LinkedHashMap<String, Object>();
    if (settings.get("hooks") instanceof Map<?, ?> existing) {
      existing.forEach((event, groups) -> merged.put(String.valueOf(event), groups));
    }
    hooks()
        .forEach(
            (event, groups) -> {
              var all = new ArrayList<Object>(Json.list(merged, event));
              all.addAll((List<?>) groups);
              merged.put(event, all);
            });
    settings.put("hooks", merged);
    workspace.writeSettings(Json.write(settings));
  }

  /** A whole settings file with just these hooks. */
  public String settingsJson() {
    return Json.write(Map.of("hooks", hooks()));
  }

  /** One hook delivery: the event and the payload the CLI gave the hook on stdin. */
  public record Delivery(String event, Map<String, Object> payload) {}

  /**
   * The deliveries saved so far, in the order the hooks started. A file that is not one complete
   * JSON object (a hook killed while writing) fails the calling test, naming the file.
   */
  public List<Delivery> deliveries() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(HookRecorder::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Delivery read(Path file) {
    try {
      var text = Files.readString(file, StandardCharsets.UTF_8);
      Map<String, Object> payload;
      try {
        payload = Json.object(text);
      } catch (IllegalArgumentException e) {
        throw new AssertionError(
            "hook delivery " + file + " is not one complete JSON object (was the hook killed?)", e);
      }
      var event = Json.string(payload, "hook_event_name");
      return new Delivery(event == null ? "(no hook_event_name)" : event, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event names of the deliveries, in order. */
  public List<String> events() {
    return deliveries().stream().map(Delivery::event).toList();
  }
}
