package dev.flightlog.claude;

import dev.flightlog.ThreadFact;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A Claude Code transcript file and what its path says: {@code <project>/<session>.jsonl} is a
 * session's main thread, {@code <project>/<session>/subagents/agent-<id>.jsonl} a subagent thread.
 */
public record TranscriptFile(Path path, String sessionId, String threadId) {

  private static final String SUFFIX = ".jsonl";
  private static final String AGENT_PREFIX = "agent-";

  public TranscriptFile {
    if (sessionId.isBlank()) {
      throw new IllegalArgumentException("sessionId must not be blank: " + path);
    }
    if (threadId.isBlank()) {
      throw new IllegalArgumentException("threadId must not be blank: " + path);
    }
  }

  /** The transcript a path names, or null when the path is not a transcript. */
  public static @Nullable TranscriptFile of(Path path) {
    var fileName = path.getFileName();
    if (fileName == null) {
      return null;
    }
    var name = fileName.toString();
    if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
      return null;
    }
    var stem = name.substring(0, name.length() - SUFFIX.length());
    var parent = name(path.getParent());
    if (parent.equals("subagents")) {
      // A subagent: <session>/subagents/agent-<id>.jsonl.
      var parentDir = path.getParent();
      var session = parentDir == null ? "" : name(parentDir.getParent());
      if (!stem.startsWith(AGENT_PREFIX)
          || stem.length() == AGENT_PREFIX.length()
          || session.isBlank()) {
        return null;
      }
      return new TranscriptFile(path, session, stem.substring(AGENT_PREFIX.length()));
    }
    // Claude Code before 2.1 wrote subagents as <project>/agent-<id>.jsonl, whose path does not
    // name their session.
    if (stem.isBlank() || stem.startsWith(AGENT_PREFIX)) {
      return null;
    }
    return new TranscriptFile(path, stem, ThreadFact.MAIN);
  }

  /** The last element of a path, or "" for none. */
  private static String name(@Nullable Path path) {
    var name = path == null ? null : path.getFileName();
    return name == null ? "" : name.toString();
  }

  public boolean subagent() {
    return !threadId.equals(ThreadFact.MAIN);
  }

  /** The subagent's {@code agent-<id>.meta.json} beside it; null for a main transcript. */
  public @Nullable Path metaPath() {
    if (!subagent()) {
      return null;
    }
    return path.resolveSibling(AGENT_PREFIX + threadId + ".meta.json");
  }
}
