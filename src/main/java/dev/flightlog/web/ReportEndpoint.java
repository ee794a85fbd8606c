package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import dev.flightlog.report.Format;
import dev.flightlog.report.ReportException;
import dev.flightlog.report.ReportName;
import dev.flightlog.report.ReportRequest;
import dev.flightlog.report.Reports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/report/NAME?since=…}: the report {@code NAME} exactly as {@code flightlog report
 * NAME --format json} (or {@code csv}) prints it with the same options, byte for byte — both parse
 * through {@link ReportRequest} and write through {@link Reports}. {@code /api/report/NAME/ID} is
 * the report with session {@code ID} for the report that takes one ({@link
 * ReportRequest#takesSessionId}); every other path under {@code /api/report/} is not found.
 *
 * <p>An unknown report or path is 404, a bad parameter 400, both with the parser's message; a price
 * file that cannot be read is 500 with its message (the command line fails the same way). Reports
 * read through the store's reader connections, never its writer, so they never hold up ingest.
 */
final class ReportEndpoint implements Router.Handler {

  private static final System.Logger LOG = System.getLogger(ReportEndpoint.class.getName());

  static final String CSV = "text/csv; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  private final Supplier<Reports> reports;
  private final Traffic traffic;

  /**
   * @param reports the reports over the store's reads with the price table as it is now: asked once
   *     per request, so an edited price file counts from the next request on, as with the command
   *     line
   */
  ReportEndpoint(Supplier<Reports> reports, Traffic traffic) {
    this.reports = reports;
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var path = exchange.getRequestURI().getRawPath();
    var segments = path.substring(Endpoint.REPORT.path().length()).split("/", -1);
    if (segments.length > 2 || segments[0].isEmpty() || segments[segments.length - 1].isEmpty()) {
      throw new Rejection(
          Rejection.Reason.NOT_FOUND,
          "not found: "
              + path
              + " (use /api/report/NAME, NAME one of: "
              + ReportName.names()
              + ")");
    }
    ReportName report;
    try {
      report = ReportName.fromWireName(decodePath(segments[0]));
    } catch (IllegalArgumentException e) {
      throw new Rejection(Rejection.Reason.NOT_FOUND, String.valueOf(e.getMessage()));
    }
    var parameters = parameters(exchange.getRequestURI().getRawQuery());
    if (segments.length == 2) {
      if (!ReportRequest.takesSessionId(report)) {
        throw new Rejection(
            Rejection.Reason.NOT_FOUND,
            "not found: "
                + path
                + " (only /api/report/"
                + ReportRequest.SESSION_REPORT
                + "/ID takes an id; the report "
                + report.wireName()
                + " is /api/report/"
                + report.wireName()
                + ")");
      }
      if (parameters.containsKey("session")) {
        throw malformed("the session is named in the path; leave out the session parameter");
      }
      parameters.put("session", decodePath(segments[1]));
    }
    ReportRequest request;
    try {
      request = ReportRequest.ofParameters(parameters);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    var body = new ByteArrayOutputStream(4096);
    try (var out = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
      reports.get().write(report, request.query(), request.format(), false, out);
    } catch (ReportException e) {
      var message = String.valueOf(e.getMessage());
      switch (e.kind()) {
        case NOT_FOUND -> throw new Rejection(Rejection.Reason.NOT_FOUND, message);
        case AMBIGUOUS -> throw malformed(message);
        case FAILED -> {
          LOG.log(Level.WARNING, "report " + report.wireName() + " failed: " + message);
          throw new Rejection(Rejection.Reason.INTERNAL, message);
        }
      }
    }
    traffic.received(Endpoint.REPORT);
    Router.respond(exchange, 200, request.format() == Format.CSV ? CSV : JSON, body.toByteArray());
  }

  /**
   * The query's parameters, decoded as HTML forms encode them ({@code +} is a space); a parameter
   * given twice is refused rather than one of its values silently chosen.
   */
  private static Map<String, String> parameters(@Nullable String rawQuery) {
    var parameters = new LinkedHashMap<String, String>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (var pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      var name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
      var value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
      if (parameters.put(name, value) != null) {
        throw malformed("the query parameter '" + name + "' is given twice");
      }
    }
    return parameters;
  }

  static String decodeQuery(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("malformed query: " + e.getMessage());
    }
  }

  /** A path segment percent-decoded; unlike in a query, {@code +} is itself. */
  static String decodePath(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("malformed path: " + e.getMessage());
    }
  }

  private static Rejection malformed(@Nullable String message) {
    return new Rejection(Rejection.Reason.MALFORMED, String.valueOf(message));
  }
}
