package dev.flightlog.web;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written receivers: they record what the server handed them, can be held on a latch to show
 * that the hook answer does not wait for them, and answer OTLP requests as told.
 */
final class FakeReceivers implements Receivers {

  @SuppressWarnings("ArrayRecordComponent") // a test's record of the bytes as received
  record Hook(byte[] body, Instant receivedAt) {}

  @SuppressWarnings("ArrayRecordComponent")
  record Otlp(Signal signal, Encoding encoding, byte[] body) {}

  final LinkedBlockingQueue<Hook> hooks = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<Otlp> otlp = new LinkedBlockingQueue<>();

  /** Counted down when a hook receiver call starts. */
  volatile CountDownLatch hookEntered = new CountDownLatch(1);

  /** When set, each hook receiver call waits for it before recording. */
  volatile @Nullable CountDownLatch hookGate;

  /** When set, each hook receiver call throws it. */
  volatile @Nullable RuntimeException hookFailure;

  volatile Function<Otlp, OtlpReply> otlpAnswer = call -> new OtlpReply.Accepted(1, 0, "");

  @Override
  public void hook(byte[] body, Instant receivedAt) {
    hookEntered.countDown();
    var gate = hookGate;
    if (gate != null) {
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the gate", e);
      }
    }
    var failure = hookFailure;
    if (failure != null) {
      throw failure;
    }
    hooks.add(new Hook(body, receivedAt));
  }

  @Override
  public OtlpReply otlp(Signal signal, Encoding encoding, byte[] body) {
    var call = new Otlp(signal, encoding, body);
    otlp.add(call);
    return otlpAnswer.apply(call);
  }

  Hook nextHook() throws InterruptedException {
    var hook = hooks.poll(10, TimeUnit.SECONDS);
    if (hook == null) {
      throw new AssertionError("no hook payload reached the receiver within 10 s");
    }
    return hook;
  }
}
