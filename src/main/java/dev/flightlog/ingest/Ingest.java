package dev.flightlog.ingest;

import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.live.Broker;
import dev.flightlog.live.Change;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Store;
import dev.flightlog.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The single write path. Producers {@link #submit} batches; one drain thread groups whatever is
 * queued into one transaction (each batch with its source position), commits it, then publishes the
 * changes. The queue is bounded, so a producer faster than the database waits instead of filling
 * memory. Batches are committed in the order they were submitted. When the queue has stayed empty
 * for {@link #REFRESH_AFTER_IDLE_MS} after a commit, the drain thread brings the store's derived
 * tables up to date ({@link Store#refreshDerived()}), so reports seldom wait for it.
 */
public final class Ingest implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Ingest.class.getName());
  private static final int QUEUE = 64;
  private static final int MAX_FACTS_PER_TRANSACTION = 50_000;
  private static final long REFRESH_AFTER_IDLE_MS = 200;

  private sealed interface Item {
    record Work(Batch batch) implements Item {}

    record Flush(CountDownLatch done) implements Item {}

    record Stop() implements Item {}
  }

  private final Store store;
  private final Gate gate;
  private final SessionProjects projects = new SessionProjects();
  private final Broker broker;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread drain;
  private final @Nullable Duration retryEvery;
  private volatile @Nullable RuntimeException failure;
  private volatile boolean closed;
  private boolean derivedStale;

  public Ingest(Store store, Gate gate, Broker broker) {
    this(store, gate, broker, null);
  }

  /**
   * @param retryEvery when not null, a write that failed for a reason that may pass ({@link
   *     StoreException#mayPass}: a full disk, a read-only file system, a lock held by another
   *     program) is tried again at this interval until it succeeds or ingest closes, instead of
   *     failing ingest; producers wait meanwhile (the queue is bounded). The daemon's choice: a
   *     restart would not help, and it would lose the HTTP hooks waiting in memory.
   */
  public Ingest(Store store, Gate gate, Broker broker, @Nullable Duration retryEvery) {
    this.store = store;
    this.gate = gate;
    this.broker = broker;
    this.retryEvery = retryEvery;
    this.drain = Thread.ofPlatform().name("flightlog-ingest").daemon().start(this::drainLoop);
  }

  /**
   * Queues a batch, waiting while the queue is full. Its content passes the gate here, before it
   * can reach the store: redacted, kept at the capture level that applies, and the redaction counts
   * added to the batch. Throws if an earlier write failed.
   */
  public void submit(Batch batch) {
    checkHealthy();
    if (closed) {
      throw new IllegalStateException("ingest is closed");
    }
    // On the producer's thread: the drain thread only writes.
    put(new Item.Work(gate.pass(batch, projects)));
  }

  /** Waits until everything submitted so far is committed; throws if a write failed. */
  public void flush() {
    var done = new CountDownLatch(1);
    put(new Item.Flush(done));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ingest to flush", e);
    }
    checkHealthy();
  }

  private void put(Item item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing for ingest", e);
    }
  }

  private void checkHealthy() {
    var failed = failure;
    if (failed != null) {
      throw new IllegalStateException("storing failed: " + failed.getMessage(), failed);
    }
  }

  private void drainLoop() {
    var items = new ArrayList<Item>();
    while (true) {
      items.clear();
      try {
        var first =
            derivedStale ? queue.poll(REFRESH_AFTER_IDLE_MS, TimeUnit.MILLISECONDS) : queue.take();
        if (first == null) {
          refreshDerived();
          continue;
        }
        items.add(first);
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(items);
      var batches = new ArrayList<Batch>();
      int facts = 0;
      boolean stop = false;
      for (var item : items) {
        switch (item) {
          case Item.Work work -> {
            batches.add(work.batch());
            facts += work.batch().facts().size();
            if (facts >= MAX_FACTS_PER_TRANSACTION) {
              commit(batches);
              batches.clear();
              facts = 0;
            }
          }
          case Item.Flush flush -> {
            commit(batches);
            batches.clear();
            facts = 0;
            flush.done().countDown();
          }
          case Item.Stop ignored -> stop = true;
        }
      }
      commit(batches);
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Batch> batches) {
    if (batches.isEmpty() || failure != null) {
      return;
    }
    long waitingSince = 0;
    while (true) {
      try {
        store.write(batches);
        break;
      } catch (RuntimeException e) {
        var every = retryEvery;
        if (every == null || closed || !(e instanceof StoreException s && s.mayPass())) {
          failure = e;
          return;
        }
        if (waitingSince == 0) {
          waitingSince = System.nanoTime();
          LOG.log(
              System.Logger.Level.ERROR,
              "cannot write to the database: {0}. Is the disk full, the data directory read-only,"
                  + " or the database locked by another program? Retrying every {1} s; what"
                  + " waits to be stored is kept meanwhile.",
              e.getMessage(),
              every.toSeconds());
        }
        if (!pause(every)) {
          failure = e;
          return;
        }
      }
    }
    if (waitingSince != 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "writing to the database works again after {0} s",
          (System.nanoTime() - waitingSince) / 1_000_000_000);
    }
    derivedStale = true;
    if (broker.hasSubscribers()) {
      var changes = new ArrayList<Change>();
      for (var batch : batches) {
        for (var fact : batch.facts()) {
          changes.add(change(fact));
        }
      }
      broker.publish(changes);
    }
  }

  /** Waits before a retry; false when ingest closes or the thread is interrupted meanwhile. */
  private boolean pause(Duration every) {
    long until = System.nanoTime() + every.toNanos();
    try {
      while (!closed && System.nanoTime() < until) {
        Thread.sleep(Math.min(50, every.toMillis()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed;
  }

  private void refreshDerived() {
    derivedStale = false;
    if (failure != null) {
      return;
    }
    try {
      store.refreshDerived();
    } catch (RuntimeException e) {
      // Not fatal to ingest: the records are stored; the reads of derived data retry and report it.
      LOG.log(System.Logger.Level.WARNING, "cannot bring the derived tables up to date", e);
    }
  }

  static Change change(Fact fact) {
    var agent = fact.agent().wireName();
    return switch (fact) {
      case SessionFact s -> new Change("session", agent + ":" + s.sessionId(), fact);
      case ThreadFact t ->
          new Change("thread", agent + ":" + t.sessionId() + ":" + t.threadId(), fact);
      case PromptFact p -> new Change("prompt", agent + ":" + p.promptId(), fact);
      case ToolCallFact t -> new Change("tool_call", agent + ":" + t.toolUseId(), fact);
      case ModelRequestFact m ->
          new Change(
              "model_request",
              agent + ":" + (m.requestId().isEmpty() ? m.messageId() : m.requestId()),
              fact);
      case CostStateFact c -> new Change("cost_state", agent + ":" + c.sessionId(), fact);
      case HookEventFact h -> new Change("hook_event", h.payloadSha256(), fact);
      case MetricPointFact m ->
          new Change("metric_point", agent + ":" + m.name() + ":" + m.series(), fact);
    };
  }

  /** Stops intake, commits everything queued, and stops the drain thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    put(new Item.Stop());
    try {
      drain.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkHealthy();
  }
}
