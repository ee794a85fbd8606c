package dev.flightlog.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Keeps one producer at most about one batch ahead of the database. Ingest's queue is first come,
 * first served and holds 64 batches of up to 4,096 facts: a backfill that filled it would make a
 * live read wait seconds behind it. After each batch the producer waits until its previous batch is
 * committed, while a helper thread waits for this one, so decoding the next batch still overlaps
 * with committing this one. Used by one thread.
 */
final class Pacer {

  private final Ingest ingest;
  private @Nullable Thread flushing;
  private volatile @Nullable RuntimeException failure;

  Pacer(Ingest ingest) {
    this.ingest = ingest;
  }

  /** Call after each submitted batch: waits for the one before it to be committed. */
  void submitted() {
    awaitPrevious();
    flushing =
        Thread.ofVirtual()
            .name("flightlog-backfill-pace")
            .start(
                () -> {
                  try {
                    ingest.flush();
                  } catch (RuntimeException e) {
                    failure = e;
                  }
                });
  }

  /** Waits until the last batch submitted is committed; call before the producer stops. */
  void awaitPrevious() {
    var previous = flushing;
    if (previous != null) {
      try {
        previous.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the database", e);
      }
      flushing = null;
    }
    var failed = failure;
    if (failed != null) {
      throw failed;
    }
  }
}
