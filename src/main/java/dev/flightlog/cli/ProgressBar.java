package dev.flightlog.cli;

import dev.flightlog.ingest.TranscriptImport;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on the terminal's standard error, redrawn ten times a second. */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final TranscriptImport.Progress progress;
  private final Thread drawer;
  private final long started = System.nanoTime();
  private boolean stopped;

  ProgressBar(PrintWriter err, TranscriptImport.Progress progress) {
    this.err = err;
    this.progress = progress;
    this.drawer = Thread.ofPlatform().daemon().name("flightlog-progress").start(this::loop);
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        draw();
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void draw() {
    long total = Math.max(1, progress.totalBytes());
    long done = Math.min(total, progress.doneBytes());
    int filled = (int) (WIDTH * done / total);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %3d%%  %s / %s  %,d/%,d files  %s/s \u001b[K",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * done / total,
        Sizes.format(done),
        Sizes.format(progress.totalBytes()),
        progress.doneFiles(),
        progress.totalFiles(),
        Sizes.format((long) (done / seconds)));
    err.flush();
  }

  /** Draws the final state and ends the line. */
  void finish() {
    if (stop()) {
      draw();
      err.println();
    }
  }

  /**
   * Stops drawing; if {@link #finish} was not called (the import failed), ends the bar's line so
   * the error message that follows starts on a line of its own.
   */
  @Override
  public void close() {
    if (stop()) {
      err.println();
    }
  }

  /** Stops the drawer and waits for it; false when it was stopped already. */
  private boolean stop() {
    if (stopped) {
      return false;
    }
    stopped = true;
    drawer.interrupt();
    try {
      drawer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }
}
