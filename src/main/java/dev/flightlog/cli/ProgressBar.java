package dev.flightlog.cli;

import dev.flightlog.ingest.TranscriptImport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A one-line progress bar on the terminal's standard error, redrawn ten times a second. */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  /** The text after the percentage: what is done of what, and how fast. */
  @FunctionalInterface
  private interface Detail {
    String of(long done, long total, long perSecond);
  }

  private final PrintWriter err;
  private final LongSupplier done;
  private final LongSupplier total;
  private final Detail detail;
  private final Thread drawer;
  private final long started = System.nanoTime();
  private boolean stopped;

  ProgressBar(PrintWriter err, TranscriptImport.Progress progress) {
    this(
        err,
        progress::doneBytes,
        progress::totalBytes,
        (done, total, perSecond) ->
            String.format(
                Locale.ROOT,
                "%s / %s  %,d/%,d files  %s/s",
                Sizes.format(done),
                Sizes.format(total),
                progress.doneFiles(),
                progress.totalFiles(),
                Sizes.format(perSecond)));
  }

  /** A bar of rows processed, e.g. by {@code flightlog redact}. */
  static ProgressBar rows(PrintWriter err, LongSupplier done, long total) {
    return new ProgressBar(
        err,
        done,
        () -> total,
        (d, t, perSecond) ->
            String.format(Locale.ROOT, "%,d / %,d rows  %,d rows/s", d, t, perSecond));
  }

  private ProgressBar(PrintWriter err, LongSupplier done, LongSupplier total, Detail detail) {
    this.err = err;
    this.done = done;
    this.total = total;
    this.detail = detail;
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
    long whole = total.getAsLong();
    long all = Math.max(1, whole);
    long now = Math.min(all, done.getAsLong());
    int filled = (int) (WIDTH * now / all);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %3d%%  %s \u001b[K",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * now / all,
        detail.of(now, whole, (long) (now / seconds)));
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
