package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /api/health}: what the daemon says about itself ({@link Health}), the address, the
 * number of event-stream clients, and the request counters by endpoint and reason.
 */
final class HealthEndpoint implements Router.Handler {

  private final String addr;
  private final Supplier<Health> health;
  private final Traffic traffic;
  private final EventStream events;

  HealthEndpoint(String addr, Supplier<Health> health, Traffic traffic, EventStream events) {
    this.addr = addr;
    this.health = health;
    this.traffic = traffic;
    this.events = events;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var status = health.get();
    traffic.received(Endpoint.HEALTH);
    var counts = traffic.snapshot();
    var body =
        Json.bytes(
            g -> {
              g.writeStartObject();
              g.writeStringField("version", status.version());
              g.writeNumberField("pid", status.pid());
              Json.time(g, "started_at", status.startedAt());
              g.writeStringField("addr", addr);
              g.writeStringField("data_home", status.dataHome());
              g.writeStringField("db", status.db());
              Json.number(g, "spool_backlog", status.spoolBacklog());
              Json.time(g, "last_event_at", status.lastEventAt());
              g.writeNumberField("stream_clients", events.clients());
              g.writeObjectFieldStart("received");
              for (var entry : counts.received().entrySet()) {
                g.writeNumberField(entry.getKey(), entry.getValue());
              }
              g.writeEndObject();
              g.writeObjectFieldStart("rejected");
              for (var entry : counts.rejected().entrySet()) {
                g.writeObjectFieldStart(entry.getKey());
                for (var reason : entry.getValue().entrySet()) {
                  g.writeNumberField(reason.getKey(), reason.getValue());
                }
                g.writeEndObject();
              }
              g.writeEndObject();
              g.writeEndObject();
            });
    Router.respond(exchange, 200, Router.JSON, body);
  }
}
