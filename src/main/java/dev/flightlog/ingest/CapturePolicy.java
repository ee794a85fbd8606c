package dev.flightlog.ingest;

import dev.flightlog.Agent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link CaptureLevel} applies to what. The most specific setting wins: the project's (the
 * longest configured directory that is the fact's project or one of its parents), else the agent's,
 * else the default.
 *
 * @param level the default level
 * @param agents levels per agent
 * @param projects levels per project directory (absolute paths, as the agent reports its cwd)
 */
public record CapturePolicy(
    CaptureLevel level, Map<Agent, CaptureLevel> agents, Map<String, CaptureLevel> projects) {

  /** The default level everywhere. */
  public static final CapturePolicy DEFAULT =
      new CapturePolicy(CaptureLevel.DEFAULT, Map.of(), Map.of());

  public CapturePolicy {
    agents = Map.copyOf(agents);
    var normalised = new java.util.HashMap<String, CaptureLevel>();
    for (var entry : projects.entrySet()) {
      var dir = trimmed(entry.getKey());
      if (dir.isEmpty()) {
        throw new IllegalArgumentException("a capture project must be a directory, not empty");
      }
      normalised.put(dir, entry.getValue());
    }
    projects = Map.copyOf(normalised);
  }

  /** The policy with another default level (a command-line flag over the file's). */
  public CapturePolicy withLevel(CaptureLevel level) {
    return new CapturePolicy(level, agents, projects);
  }

  /** The level for a fact of this agent about this project (null: not known). */
  public CaptureLevel levelFor(Agent agent, @Nullable String project) {
    if (project != null && !projects.isEmpty()) {
      var path = trimmed(project);
      CaptureLevel best = null;
      int bestLength = -1;
      for (var entry : projects.entrySet()) {
        var dir = entry.getKey();
        if (dir.length() > bestLength && within(path, dir)) {
          best = entry.getValue();
          bestLength = dir.length();
        }
      }
      if (best != null) {
        return best;
      }
    }
    return agents.getOrDefault(agent, level);
  }

  /** Whether {@code path} is {@code dir} or lies under it. */
  private static boolean within(String path, String dir) {
    if (!path.startsWith(dir)) {
      return false;
    }
    if (path.length() == dir.length()) {
      return true;
    }
    char next = path.charAt(dir.length());
    return next == '/' || next == '\\' || dir.endsWith("/") || dir.endsWith("\\");
  }

  /** The path without trailing separators (but {@code /} stays {@code /}). */
  private static String trimmed(String path) {
    var p = path.strip();
    while (p.length() > 1 && (p.endsWith("/") || p.endsWith("\\"))) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
