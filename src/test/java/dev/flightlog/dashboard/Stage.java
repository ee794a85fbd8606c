package dev.flightlog.dashboard;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What a browser test class runs against: the seeded daemon and one Chromium, started once per
 * class and closed together (the browser first).
 */
record Stage(SeededDaemon daemon, Browser browser) implements AutoCloseable {

  /**
   * Starts both, or returns null when the machine has no Chromium and this is not CI (each test
   * then skips in its {@code Browser.require()}); under {@code CI=true} a missing browser fails.
   */
  static @Nullable Stage open(Path dir) {
    if (!Browser.available() && !"true".equals(System.getenv("CI"))) {
      return null;
    }
    Browser.require();
    var daemon = SeededDaemon.start(dir);
    try {
      return new Stage(daemon, Browser.launch());
    } catch (RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      daemon.close();
    }
  }
}
