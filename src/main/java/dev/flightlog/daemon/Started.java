package dev.flightlog.daemon;

import java.util.ArrayDeque;

/**
 * The components started so far, in the order they started. Closing closes every one of them in
 * reverse order, even when some fail: the first failure is thrown, the others are attached to it as
 * suppressed exceptions. Used by the one thread that starts or stops the daemon.
 */
final class Started implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Started.class.getName());

  private record Component(String name, AutoCloseable component) {}

  private final ArrayDeque<Component> components = new ArrayDeque<>();

  /** Registers a component that has just started; returns it. */
  <T extends AutoCloseable> T add(String name, T component) {
    components.push(new Component(name, component));
    return component;
  }

  /** Closes everything after a failed start, attaching close failures to the start failure. */
  void closeAfter(RuntimeException startFailure) {
    try {
      close();
    } catch (RuntimeException e) {
      startFailure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!components.isEmpty()) {
      var next = components.pop();
      try {
        next.component().close();
        LOG.log(System.Logger.Level.DEBUG, "closed {0}", next.name());
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        var wrapped =
            new IllegalStateException(
                "closing the " + next.name() + " failed: " + e.getMessage(), e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
