package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import dev.flightlog.Agent;
import dev.flightlog.report.Reports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /api/tool_call/ID[?agent=A]}: one stored tool call, whole, as the JSON object that
 * {@code flightlog export --kind tool_calls} writes for it (its input, output excerpt and error
 * included). {@code ID} is the tool use id; the agent defaults to {@code claude}. 404 when there is
 * no such call. The dashboard's session timeline asks for it when a call is opened.
 */
final class ToolCallEndpoint implements Router.Handler {

  private final Supplier<Reports> reports;
  private final Traffic traffic;

  ToolCallEndpoint(Supplier<Reports> reports, Traffic traffic) {
    this.reports = reports;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var path = exchange.getRequestURI().getRawPath();
    var raw = path.substring(Endpoint.TOOL_CALL.path().length());
    if (raw.isEmpty() || raw.contains("/")) {
      throw new Rejection(
          Rejection.Reason.NOT_FOUND, "not found: " + path + " (use /api/tool_call/ID)");
    }
    var id = ReportEndpoint.decodePath(raw);
    var agent = Agent.CLAUDE;
    var query = exchange.getRequestURI().getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (var pair : query.split("&", -1)) {
        int equals = pair.indexOf('=');
        var name = ReportEndpoint.decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
        var value = equals < 0 ? "" : ReportEndpoint.decodeQuery(pair.substring(equals + 1));
        if (!name.equals("agent")) {
          throw malformed("unknown query parameter '" + name + "' (expected: agent)");
        }
        try {
          agent = Agent.fromWireName(value);
        } catch (IllegalArgumentException e) {
          throw malformed("agent: " + e.getMessage());
        }
      }
    }
    var body = new ByteArrayOutputStream(4096);
    boolean found;
    try (var out = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
      found = reports.get().toolCall(agent.wireName(), id, out);
    }
    if (!found) {
      throw new Rejection(
          Rejection.Reason.NOT_FOUND, "no tool call '" + id + "' of agent " + agent.wireName());
    }
    traffic.received(Endpoint.TOOL_CALL);
    Router.respond(exchange, 200, ReportEndpoint.JSON, body.toByteArray());
  }

  private static Rejection malformed(String message) {
    return new Rejection(Rejection.Reason.MALFORMED, message);
  }
}
