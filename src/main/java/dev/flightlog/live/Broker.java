package dev.flightlog.live;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Fans committed changes out to subscribers without ever blocking the publisher. */
public final class Broker {

  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /** Offers each change to every subscriber; a full queue drops its oldest change. */
  public void publish(List<Change> changes) {
    if (subscriptions.isEmpty()) {
      return;
    }
    for (var subscription : subscriptions) {
      for (var change : changes) {
        subscription.offer(change);
      }
    }
  }

  /** Whether anyone listens; publishers skip building changes when nobody does. */
  public boolean hasSubscribers() {
    return !subscriptions.isEmpty();
  }

  /** A new subscription holding at most {@code capacity} unread changes. */
  public Subscription subscribe(int capacity) {
    var subscription = new Subscription(this, capacity);
    subscriptions.add(subscription);
    return subscription;
  }

  /** One subscriber's queue. Close it to unsubscribe. */
  public static final class Subscription implements AutoCloseable {
    private final Broker broker;
    private final ArrayBlockingQueue<Change> queue;
    private final AtomicLong dropped = new AtomicLong();

    private Subscription(Broker broker, int capacity) {
      this.broker = broker;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    private void offer(Change change) {
      while (!queue.offer(change)) {
        if (queue.poll() != null) {
          dropped.incrementAndGet();
        }
      }
    }

    /** The next change, waiting up to the timeout; null if none came. */
    public @Nullable Change next(long timeout, TimeUnit unit) throws InterruptedException {
      return queue.poll(timeout, unit);
    }

    /** How many changes were dropped because this subscriber fell behind, since the last call. */
    public long takeDropped() {
      return dropped.getAndSet(0);
    }

    @Override
    public void close() {
      broker.subscriptions.remove(this);
    }
  }
}
