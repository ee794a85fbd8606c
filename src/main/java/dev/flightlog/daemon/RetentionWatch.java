package dev.flightlog.daemon;

import dev.flightlog.claude.CleanupPeriod;
import dev.flightlog.ingest.TranscriptRetention;
import dev.flightlog.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The health endpoint's view of Claude Code's transcript clean-up: {@link TranscriptRetention},
 * checked at most once a {@link #EVERY} (it walks every transcript folder), against the {@code
 * cleanupPeriodDays} of the {@code settings.json} beside the first transcript root.
 */
final class RetentionWatch {

  private static final System.Logger LOG = System.getLogger(RetentionWatch.class.getName());

  /** How long a check is reused. */
  static final Duration EVERY = Duration.ofMinutes(1);

  private final List<Path> roots;
  private final @Nullable Path settings;
  private final Store store;
  private final Clock clock;
  private @Nullable TranscriptRetention last;
  private long lastAtMs;

  RetentionWatch(List<Path> roots, Store store, Clock clock) {
    this.roots = List.copyOf(roots);
    var config = roots.isEmpty() ? null : roots.getFirst().toAbsolutePath().getParent();
    this.settings = config == null ? null : config.resolve("settings.json");
    this.store = store;
    this.clock = clock;
  }

  /** The latest check, redone when older than {@link #EVERY}; null when it cannot be made. */
  synchronized @Nullable TranscriptRetention get() {
    long now = clock.millis();
    if (last != null && now - lastAtMs < EVERY.toMillis() && now >= lastAtMs) {
      return last;
    }
    try {
      var days =
          settings == null ? CleanupPeriod.DEFAULT_DAYS : TranscriptRetention.cleanupDays(settings);
      last = TranscriptRetention.check(roots, store.positions(), days, clock.instant());
      lastAtMs = now;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot check transcript retention: " + e.getMessage());
      last = null;
    }
    return last;
  }
}
