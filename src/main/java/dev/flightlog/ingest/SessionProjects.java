package dev.flightlog.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The project (cwd) last seen for each recent session, for the facts that carry none (hook
 * payloads, threads, metric points): their capture level is the project's when a fact of the same
 * session named it, in the same batch or earlier. Bounded: the least recently used sessions are
 * forgotten. Thread-safe (every producer thread submits through it).
 */
final class SessionProjects {

  static final int CAPACITY = 4096;

  private final Map<String, String> projects =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized void remember(String sessionId, String project) {
    projects.put(sessionId, project);
  }

  synchronized @Nullable String project(String sessionId) {
    return projects.get(sessionId);
  }
}
