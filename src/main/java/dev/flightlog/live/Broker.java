package dev.flightlog.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Fans committed changes out to subscribers without ever blocking the publisher. Each published
 * change gets the next sequence number of this broker's run (its boot id), and the most recent ones
 * are kept in a ring, so a subscriber that reconnects with the id of the last event it saw is given
 * what it missed (see RATIONALE.md, "Live stream").
 *
 * <p>Publishers ask {@link #hasSubscribers()} before building changes. It stays true for a grace
 * period after the last subscriber left, so a client that reconnects within it misses nothing;
 * after that, publishing costs nothing, and the broker remembers that changes may have gone
 * unrecorded, so an older event id is answered with a reset instead of a replay with a hole.
 */
public final class Broker {

  /**
   * Recent changes kept for reconnecting subscribers (each holds its fact, so a few MB at most).
   */
  public static final int DEFAULT_RING = 1024;

  /** How long publishers keep recording after the last subscriber left. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

  private final String boot;
  private final Event[] ring;
  private final long graceNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /** The last sequence number given out; guarded by {@link #lock}. */
  private long seq;

  /**
   * The last sequence number before publishers were told nobody listens: changes after it may never
   * have been published; -1 until a publisher is told so. Guarded by {@link #lock}.
   */
  private long blindAfter = -1;

  /** When the last subscriber left ({@link System#nanoTime()}), or never. */
  private volatile long lastLeftNanos;

  private volatile boolean anyoneLeft;

  /** A broker with a random boot id, the default ring and grace period. */
  public Broker() {
    this(randomBootId(), DEFAULT_RING, DEFAULT_GRACE);
  }

  /**
   * @param boot this run's id, letters and digits only (event ids are {@code <boot>-<seq>})
   * @param ringCapacity how many recent changes to keep for reconnecting subscribers
   * @param grace how long to keep recording after the last subscriber left
   */
  public Broker(String boot, int ringCapacity, Duration grace) {
    if (!boot.matches("[A-Za-z0-9]{1,64}")) {
      throw new IllegalArgumentException(
          "a boot id is 1 to 64 letters or digits, not '" + boot + "'");
    }
    if (ringCapacity < 1) {
      throw new IllegalArgumentException("the ring holds at least one change: " + ringCapacity);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace period cannot be negative: " + grace);
    }
    this.boot = boot;
    this.ring = new Event[ringCapacity];
    this.graceNanos = grace.toNanos();
  }

  /** 16 random hex digits: unique across the daemon's runs for every practical purpose. */
  public static String randomBootId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** This run's id, the prefix of every event id. */
  public String boot() {
    return boot;
  }

  /**
   * Numbers the changes, keeps them in the ring, and offers each to every subscriber whose filter
   * accepts it; a full subscriber queue drops its oldest event.
   */
  public void publish(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (var change : changes) {
        var event = new Event(boot, ++seq, change);
        ring[(int) (event.seq() % ring.length)] = event;
        for (var subscription : subscriptions) {
          subscription.offer(event);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether anyone listens, or listened within the grace period; publishers skip building changes
   * when nobody does. A false answer is remembered: events before it cannot be replayed past the
   * gap, so a subscriber resuming from one is told to reset.
   */
  public boolean hasSubscribers() {
    if (!subscriptions.isEmpty()
        || (anyoneLeft && System.nanoTime() - lastLeftNanos < graceNanos)) {
      return true;
    }
    lock.lock();
    try {
      blindAfter = seq;
    } finally {
      lock.unlock();
    }
    return false;
  }

  /** A live subscription holding at most {@code capacity} unread events, everything accepted. */
  public Subscription subscribe(int capacity) {
    return subscribe(capacity, null, change -> true);
  }

  /**
   * A subscription holding at most {@code capacity} unread events that pass the filter. With the id
   * of the last event a client saw, the events after it that are still in the ring are in {@link
   * Subscription#replay()}, ahead of the live ones and without gap or repeat; an id of another run,
   * an unknown or malformed one, or one older than the ring sets {@link Subscription#reset()}.
   */
  public Subscription subscribe(
      int capacity, @Nullable String lastEventId, Predicate<Change> filter) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a subscription holds at least one event: " + capacity);
    }
    lock.lock();
    try {
      var replay = new ArrayList<Event>();
      String reset = null;
      if (lastEventId != null && !lastEventId.isBlank()) {
        reset = resume(lastEventId.strip(), filter, replay);
      }
      var subscription = new Subscription(this, capacity, filter, replay, reset);
      subscriptions.add(subscription);
      return subscription;
    } finally {
      lock.unlock();
    }
  }

  /** Fills the replay after the given id; returns why it cannot, or null. Holds the lock. */
  private @Nullable String resume(String lastEventId, Predicate<Change> filter, List<Event> out) {
    int dash = lastEventId.lastIndexOf('-');
    long last;
    try {
      last = dash < 0 ? -1 : Long.parseLong(lastEventId.substring(dash + 1));
    } catch (NumberFormatException e) {
      last = -1;
    }
    if (last < 0) {
      return "unknown event id '" + lastEventId + "'";
    }
    if (!lastEventId.substring(0, dash).equals(boot)) {
      return "event id '" + lastEventId + "' is from another daemon run";
    }
    if (last > seq) {
      return "event id '" + lastEventId + "' was never published";
    }
    long oldest = Math.max(1, seq - ring.length + 1);
    if (last < oldest - 1) {
      return "event id '" + lastEventId + "' is older than the " + ring.length + " events kept";
    }
    if (last <= blindAfter) {
      return "events after '" + lastEventId + "' were not kept while nobody listened";
    }
    for (long next = last + 1; next <= seq; next++) {
      var event = ring[(int) (next % ring.length)];
      if (filter.test(event.change())) {
        out.add(event);
      }
    }
    return null;
  }

  private void leave(Subscription subscription) {
    if (subscriptions.remove(subscription)) {
      lastLeftNanos = System.nanoTime();
      anyoneLeft = true;
    }
  }

  /** One subscriber's bounded queue. Close it to unsubscribe; a waiting {@link #next} returns. */
  public static final class Subscription implements AutoCloseable {
    private final Broker broker;
    private final int capacity;
    private final Predicate<Change> filter;
    private final List<Event> replay;
    private final @Nullable String reset;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Event> queue;
    private long dropped;
    private boolean closed;

    private Subscription(
        Broker broker,
        int capacity,
        Predicate<Change> filter,
        List<Event> replay,
        @Nullable String reset) {
      this.broker = broker;
      this.capacity = capacity;
      this.filter = filter;
      this.replay = List.copyOf(replay);
      this.reset = reset;
      this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    }

    private void offer(Event event) {
      if (!filter.test(event.change())) {
        return;
      }
      lock.lock();
      try {
        if (closed) {
          return;
        }
        if (queue.size() == capacity) {
          queue.pollFirst();
          dropped++;
        }
        queue.addLast(event);
        available.signal();
      } finally {
        lock.unlock();
      }
    }

    /** The events the client missed since its last event id, to send before any live one. */
    public List<Event> replay() {
      return replay;
    }

    /**
     * Why the client's last event id could not be resumed (it should reload its view), or null when
     * it was resumed or none was given.
     */
    public @Nullable String reset() {
      return reset;
    }

    /**
     * The next event, waiting up to the timeout; null if none came or the subscription is closed.
     */
    public @Nullable Event next(long timeout, TimeUnit unit) throws InterruptedException {
      long nanos = unit.toNanos(timeout);
      lock.lockInterruptibly();
      try {
        while (queue.isEmpty() && !closed) {
          if (nanos <= 0) {
            return null;
          }
          nanos = available.awaitNanos(nanos);
        }
        return queue.pollFirst();
      } finally {
        lock.unlock();
      }
    }

    /** The next event if one is queued, without waiting. */
    public @Nullable Event poll() {
      lock.lock();
      try {
        return queue.pollFirst();
      } finally {
        lock.unlock();
      }
    }

    /** How many events were dropped because this subscriber fell behind, since the last call. */
    public long takeDropped() {
      lock.lock();
      try {
        long count = dropped;
        dropped = 0;
        return count;
      } finally {
        lock.unlock();
      }
    }

    public boolean isClosed() {
      lock.lock();
      try {
        return closed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closed = true;
        queue.clear();
        available.signalAll();
      } finally {
        lock.unlock();
      }
      broker.leave(this);
    }
  }
}
