package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /hook}: the hot path, run on every tool call of every agent. It reads the body,
 * answers {@code 200 {}} and closes the exchange, and only then hands the payload to the receiver
 * on the same virtual thread, so the answer never waits for decoding or the database.
 */
final class HookEndpoint implements Router.Handler {

  private static final System.Logger LOG = System.getLogger(HookEndpoint.class.getName());
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

  private final Receivers receivers;
  private final Clock clock;
  private final int maxBytes;
  private final Traffic traffic;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  HookEndpoint(Receivers receivers, Clock clock, int maxBytes, Traffic traffic) {
    this.receivers = receivers;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var receivedAt = clock.instant();
    var type = Bodies.mediaType(exchange);
    if (!Router.JSON.equals(type)) {
      throw new Rejection(
          Rejection.Reason.UNSUPPORTED_MEDIA_TYPE,
          "unsupported content type "
              + (type == null ? "(none)" : "'" + type + "'")
              + " (expected application/json)");
    }
    var body = Bodies.read(exchange, maxBytes);
    traffic.received(Endpoint.HOOK);
    try {
      Router.respond(exchange, 200, Router.JSON, EMPTY_OBJECT);
    } catch (IOException e) {
      // The client left before its answer; the payload it sent is still worth keeping.
      LOG.log(Level.DEBUG, () -> "hook client left before the answer: " + e);
      exchange.close();
    }
    try {
      receivers.hook(body, receivedAt);
    } catch (RuntimeException e) {
      traffic.rejected(Endpoint.HOOK, Traffic.RECEIVER_FAILED);
      if (failureLogged.compareAndSet(false, true)) {
        LOG.log(Level.ERROR, "a hook payload could not be stored (later failures are counted)", e);
      } else {
        LOG.log(Level.DEBUG, () -> "a hook payload could not be stored: " + e);
      }
    }
  }
}
