package dev.flightlog.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import dev.flightlog.ingest.TranscriptRetention;
import dev.flightlog.report.Reports;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/health}: what the daemon says about itself ({@link Health}, with the transcripts
 * Claude Code may delete before they are read), the address, the number of event-stream clients,
 * the request counters by endpoint and reason, and {@code capture}: what the database records of
 * capture (when each channel last delivered, how much is stored, the inputs skipped by channel and
 * reason, schema drift per agent version; null when the database cannot be read).
 */
final class HealthEndpoint implements Router.Handler {

  private static final System.Logger LOG = System.getLogger(HealthEndpoint.class.getName());

  private final String addr;
  private final Supplier<Health> health;
  private final Traffic traffic;
  private final EventStream events;
  private final Supplier<Reports> reports;

  HealthEndpoint(
      String addr,
      Supplier<Health> health,
      Traffic traffic,
      EventStream events,
      Supplier<Reports> reports) {
    this.addr = addr;
    this.health = health;
    this.traffic = traffic;
    this.events = events;
    this.reports = reports;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var status = health.get();
    dev.flightlog.store.Health capture;
    try {
      capture = reports.get().capture();
    } catch (RuntimeException e) {
      // The daemon's own state is still worth answering when the database cannot be read.
      LOG.log(Level.WARNING, "cannot read the capture state for /api/health: " + e.getMessage());
      capture = null;
    }
    var captured = capture;
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
              g.writeNumberField("spool_links_removed", status.spoolLinksRemoved());
              Json.time(g, "last_event_at", status.lastEventAt());
              g.writeNumberField("stream_clients", events.clients());
              writeRetention(g, status.retention());
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
              if (captured == null) {
                g.writeNullField("capture");
              } else {
                writeCapture(g, captured);
              }
              g.writeEndObject();
            });
    Router.respond(exchange, 200, Router.JSON, body);
  }

  private static void writeRetention(JsonGenerator g, @Nullable TranscriptRetention retention)
      throws IOException {
    if (retention == null) {
      g.writeNullField("transcript_retention");
      return;
    }
    g.writeObjectFieldStart("transcript_retention");
    g.writeNumberField("cleanup_period_days", retention.cleanupDays());
    g.writeNumberField("transcripts", retention.files());
    g.writeNumberField("unread", retention.unread());
    g.writeNumberField("at_risk", retention.atRisk());
    g.writeNumberField("at_risk_margin_days", TranscriptRetention.MARGIN.toDays());
    Json.time(g, "next_deletion_at", retention.nextDeletion());
    g.writeArrayFieldStart("problems");
    for (var problem : retention.problems()) {
      g.writeString(problem);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeCapture(JsonGenerator g, dev.flightlog.store.Health capture)
      throws IOException {
    g.writeObjectFieldStart("capture");
    Json.time(g, "last_hook_at", capture.lastHookAt());
    Json.time(g, "last_transcript_read_at", capture.lastTranscriptReadAt());
    Json.time(g, "last_activity_at", capture.lastActivityAt());
    g.writeNumberField("sessions", capture.sessions());
    g.writeNumberField("tool_calls", capture.toolCalls());
    g.writeNumberField("hook_events", capture.hookEvents());
    g.writeNumberField("followed_files", capture.followedFiles());
    g.writeArrayFieldStart("skips");
    for (var skip : capture.skips()) {
      g.writeStartObject();
      g.writeStringField("channel", skip.channel());
      g.writeStringField("reason", skip.reason());
      g.writeNumberField("count", skip.count());
      g.writeStringField("last_detail", skip.lastDetail());
      Json.time(g, "last_seen", skip.lastSeen());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("schema_drift");
    for (var drift : capture.drift()) {
      g.writeStartObject();
      g.writeStringField("agent", drift.agent());
      g.writeStringField("agent_version", drift.agentVersion());
      g.writeStringField("kind", drift.kind());
      g.writeStringField("name", drift.name());
      g.writeNumberField("count", drift.count());
      Json.time(g, "first_seen", drift.firstSeen());
      Json.time(g, "last_seen", drift.lastSeen());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
