package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import dev.flightlog.live.Broker;
import dev.flightlog.live.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: Server-Sent Events of every stored change. Each change is an unnamed
 * event (so {@code EventSource.onmessage} sees them all) with id {@code <boot>-<seq>} and the JSON
 * of {@link EventJson}; the control events {@code reset} (reload your view: the last event id could
 * not be resumed) and {@code dropped} (this client fell behind and lost N events) are named and
 * carry no id. A comment every heartbeat interval of silence keeps proxies and clients sure the
 * stream is alive. The stream writes on its own virtual thread; the publisher never waits for it.
 */
final class EventStream implements Router.Handler {

  /** How long an {@code EventSource} waits before reconnecting, sent to each client. */
  static final int RETRY_MILLIS = 2000;

  /** Events written together before a flush. */
  private static final int BATCH = 256;

  private final Broker broker;
  private final Duration heartbeat;
  private final int queue;
  private final Traffic traffic;
  private final Set<Broker.Subscription> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  EventStream(Broker broker, Duration heartbeat, int queue, Traffic traffic) {
    this.broker = broker;
    this.heartbeat = heartbeat;
    this.queue = queue;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var query = EventQuery.parse(exchange.getRequestURI().getRawQuery());
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    var subscription = broker.subscribe(queue, lastEventId, query::accepts);
    open.add(subscription);
    try (var out = exchange.getResponseBody()) {
      if (closing) {
        subscription.close();
      }
      traffic.received(Endpoint.EVENTS);
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      stream(subscription, out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(subscription);
      subscription.close();
    }
  }

  private void stream(Broker.Subscription subscription, OutputStream out)
      throws IOException, InterruptedException {
    var buffer = new ByteArrayOutputStream(4096);
    text(buffer, "retry: " + RETRY_MILLIS + "\n: flightlog " + broker.boot() + "\n\n");
    var reset = subscription.reset();
    if (reset != null) {
      control(
          buffer,
          "reset",
          Json.bytes(
              generator -> {
                generator.writeStartObject();
                generator.writeStringField("reason", reset);
                generator.writeStringField("boot_id", broker.boot());
                generator.writeEndObject();
              }));
    }
    for (var event : subscription.replay()) {
      event(buffer, event);
    }
    send(buffer, out);
    long heartbeatMillis = heartbeat.toMillis();
    while (true) {
      var event = subscription.next(heartbeatMillis, TimeUnit.MILLISECONDS);
      if (subscription.isClosed()) {
        return;
      }
      if (event == null) {
        text(buffer, ": heartbeat\n\n");
        send(buffer, out);
        continue;
      }
      for (int written = 0; event != null && written < BATCH; written++) {
        long dropped = subscription.takeDropped();
        if (dropped > 0) {
          control(buffer, "dropped", ("{\"dropped\":" + dropped + "}").getBytes(UTF8));
        }
        event(buffer, event);
        event = written + 1 < BATCH ? subscription.poll() : null;
      }
      send(buffer, out);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static void event(ByteArrayOutputStream buffer, Event event) {
    text(buffer, "id: " + event.id() + "\ndata: ");
    buffer.writeBytes(EventJson.of(event.change()));
    text(buffer, "\n\n");
  }

  private static void control(ByteArrayOutputStream buffer, String name, byte[] data) {
    text(buffer, "event: " + name + "\ndata: ");
    buffer.writeBytes(data);
    text(buffer, "\n\n");
  }

  private static void text(ByteArrayOutputStream buffer, String text) {
    buffer.writeBytes(text.getBytes(UTF8));
  }

  private static void send(ByteArrayOutputStream buffer, OutputStream out) throws IOException {
    buffer.writeTo(out);
    out.flush();
    buffer.reset();
  }

  /** How many clients are streaming now. */
  int clients() {
    return open.size();
  }

  /** Ends every stream: their subscriptions close, so each writer returns and ends its response. */
  void closeAll() {
    closing = true;
    for (var subscription : open) {
      subscription.close();
    }
  }
}
