package dev.flightlog.ingest;

import dev.flightlog.FilePosition;
import dev.flightlog.claude.TranscriptFile;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The transcripts the {@link TranscriptFollower} knows, each with its position, and the reads they
 * wait for, in two lanes: live (a few new bytes; read first, by a worker of its own) and backlog
 * (files never read, on the first start, and anything bigger than {@link #LIVE_BYTES}; woken files
 * first, then the newest). A file is in at most one lane and read by one worker at a time; a change
 * noticed while it is read queues it again when the read ends. Thread-safe: one lock.
 */
final class FollowedFiles {

  /** Reads of at most this many new bytes are live work; larger ones wait in the backlog. */
  static final long LIVE_BYTES = 4L << 20;

  private enum State {
    IDLE,
    LIVE,
    BACKLOG,
    READING,
    /** Being read, and changed since the read began: read again when it ends. */
    READING_STALE
  }

  /** What the last scan saw of a file: equal means unchanged, without opening it. */
  record Seen(long size, long modifiedMs, @Nullable Object key) {
    static Seen of(BasicFileAttributes attributes) {
      return new Seen(
          attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
    }
  }

  /** One followed file. Its fields are guarded by the lock, except {@code seen}. */
  static final class Followed {
    final TranscriptFile file;

    /** The root it was found under; null for a file outside every root that a hook named. */
    final @Nullable Path root;

    /** What the last scan saw of it; used by the scanning thread only. */
    @Nullable Seen seen;

    private @Nullable FilePosition position;
    private State state = State.IDLE;
    private boolean woken;
    private long modifiedMs;
    private long pendingBytes;
    private long lastScan;

    private Followed(TranscriptFile file, @Nullable Path root, @Nullable FilePosition position) {
      this.file = file;
      this.root = root;
      this.position = position;
    }

    String key() {
      return file.path().toString();
    }
  }

  /** A read to do: the file, and the position to read on from. */
  record Read(Followed followed, @Nullable FilePosition position) {}

  /** Woken files first, then the newest, then by path. */
  private static final Comparator<Followed> BACKLOG_ORDER =
      Comparator.comparing((Followed f) -> !f.woken)
          .thenComparing(f -> -f.modifiedMs)
          .thenComparing(Followed::key);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition liveReady = lock.newCondition();
  private final Condition backlogReady = lock.newCondition();
  private final Map<String, Followed> files = new HashMap<>();
  private final Map<String, FilePosition> stored;
  private final int maxOutside;
  private final ArrayDeque<Followed> live = new ArrayDeque<>();
  private final PriorityQueue<Followed> backlog = new PriorityQueue<>(BACKLOG_ORDER);
  private long backlogBytes;
  private int backlogReading;
  private int outside;
  private boolean stopped;

  /**
   * @param stored the stored positions, by path: a file's is taken when the file is first found
   * @param maxOutside how many files outside the roots may be followed
   */
  FollowedFiles(Map<String, FilePosition> stored, int maxOutside) {
    this.stored = new HashMap<>(stored);
    this.maxOutside = maxOutside;
  }

  /**
   * The followed file at {@code path}, found now by scan {@code pass}; followed from now on if it
   * is new and named like a transcript. Null when it is not a transcript, or when it lies outside
   * the roots ({@code root} null) and the limit of such files is reached.
   */
  @Nullable Followed found(Path path, @Nullable Path root, long pass) {
    var key = path.toString();
    lock.lock();
    try {
      var f = files.get(key);
      if (f == null) {
        var file = TranscriptFile.of(path);
        if (file == null || (root == null && outside >= maxOutside)) {
          return null;
        }
        f = new Followed(file, root, stored.remove(key));
        files.put(key, f);
        if (root == null) {
          outside++;
        }
      }
      f.lastScan = Math.max(f.lastScan, pass);
      return f;
    } finally {
      lock.unlock();
    }
  }

  @Nullable FilePosition position(Followed f) {
    lock.lock();
    try {
      return f.position;
    } finally {
      lock.unlock();
    }
  }

  /** Sets the position of a file that has none yet (a file not backfilled starts at its end). */
  void startAt(Followed f, FilePosition position) {
    lock.lock();
    try {
      if (f.position == null) {
        f.position = position;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The followed files outside every root, which the scan looks at one by one. */
  List<Followed> outsideRoots() {
    lock.lock();
    try {
      return files.values().stream().filter(f -> f.root == null).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forgets the idle files that scan {@code pass} did not see, if it walked their root whole (they
   * were deleted); a file outside the roots is forgotten when its own look failed. Their positions
   * are kept aside, as the database keeps them.
   */
  void forgetUnseen(long pass, List<Path> walked) {
    lock.lock();
    try {
      var gone = files.values().iterator();
      while (gone.hasNext()) {
        var f = gone.next();
        if (f.lastScan < pass
            && f.state == State.IDLE
            && (f.root == null || walked.contains(f.root))) {
          gone.remove();
          // Kept, in case the file shows again (a wake-up raced the walk, a folder came back):
          // its position then still applies, or tail.Positions sees that it is another file.
          if (f.position != null) {
            stored.put(f.key(), f.position);
          }
        }
      }
      outside = (int) files.values().stream().filter(f -> f.root == null).count();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a read of {@code bytes} new bytes. A file a hook named ({@code woken}) with at most
   * {@link #LIVE_BYTES} to read always goes to the live lane, a bigger one to the backlog's head.
   */
  void schedule(Followed f, long bytes, long modifiedMs, boolean woken, boolean toBacklog) {
    lock.lock();
    try {
      if (stopped || files.get(f.key()) != f) {
        return;
      }
      switch (f.state) {
        case IDLE -> {
          f.woken = woken;
          f.modifiedMs = modifiedMs;
          enqueue(f, bytes, (toBacklog && !woken) || bytes > LIVE_BYTES);
        }
        case BACKLOG -> {
          if (woken && !f.woken) {
            backlog.remove(f);
            backlogBytes -= f.pendingBytes;
            f.woken = true;
            enqueue(f, bytes, bytes > LIVE_BYTES);
          }
        }
        case LIVE, READING_STALE -> {}
        case READING -> f.state = State.READING_STALE;
      }
    } finally {
      lock.unlock();
    }
  }

  private void enqueue(Followed f, long bytes, boolean toBacklog) {
    f.pendingBytes = bytes;
    if (toBacklog) {
      f.state = State.BACKLOG;
      backlog.add(f);
      backlogBytes += bytes;
      backlogReady.signal();
    } else {
      f.state = State.LIVE;
      live.add(f);
      liveReady.signal();
    }
  }

  /** The next read of a lane, waiting for one; null once stopped. */
  @Nullable Read take(boolean liveLane) throws InterruptedException {
    lock.lock();
    try {
      var queue = liveLane ? live : backlog;
      while (!stopped && queue.isEmpty()) {
        (liveLane ? liveReady : backlogReady).await();
      }
      if (stopped) {
        return null;
      }
      var f = Objects.requireNonNull(queue.poll());
      if (!liveLane) {
        backlogBytes -= f.pendingBytes;
        backlogReading++;
      }
      f.state = State.READING;
      return new Read(f, f.position);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records what a read of a lane came to. Returns true when it was the backlog's last: the backlog
   * lane is now empty and idle.
   */
  boolean done(Followed f, TranscriptReader.Outcome outcome, boolean liveLane) {
    lock.lock();
    try {
      switch (outcome) {
        case TranscriptReader.Outcome.Followed followed -> f.position = followed.position();
        case TranscriptReader.Outcome.Failed failed -> {
          if (failed.position() != null) {
            f.position = failed.position();
          }
        }
        case TranscriptReader.Outcome.Gone gone -> {
          if (files.remove(f.key(), f) && f.root == null) {
            outside--;
          }
        }
      }
      if (f.state == State.READING_STALE && !stopped) {
        enqueue(f, 0, false);
      } else {
        f.state = State.IDLE;
      }
      if (liveLane) {
        return false;
      }
      backlogReading--;
      return backlog.isEmpty() && backlogReading == 0;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting worker and queues nothing more. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
      liveReady.signalAll();
      backlogReady.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the backlog lane has nothing queued and nothing being read. */
  boolean backlogIdle() {
    lock.lock();
    try {
      return backlog.isEmpty() && backlogReading == 0;
    } finally {
      lock.unlock();
    }
  }

  /** Files queued in or being read from the backlog lane. */
  int backlogFiles() {
    lock.lock();
    try {
      return backlog.size() + backlogReading;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return files.size();
    } finally {
      lock.unlock();
    }
  }

  int queued() {
    lock.lock();
    try {
      return live.size() + backlog.size();
    } finally {
      lock.unlock();
    }
  }

  long backlogBytes() {
    lock.lock();
    try {
      return backlogBytes;
    } finally {
      lock.unlock();
    }
  }
}
