package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.flightlog.otlp.AnyValue.Attribute;
import dev.flightlog.otlp.Wire.Kind;
import dev.flightlog.otlp.Wire.LogRecord;
import dev.flightlog.otlp.Wire.Metric;
import dev.flightlog.otlp.Wire.NumberPoint;
import dev.flightlog.otlp.Wire.Resource;
import dev.flightlog.otlp.Wire.ScopeLogs;
import dev.flightlog.otlp.Wire.ScopeMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the messages of an OTLP/HTTP JSON body (the proto3 JSON mapping) with Jackson's streaming
 * parser, through a {@link JsonCursor}. Field names are accepted in lowerCamelCase and as in the
 * proto file; unknown fields are skipped.
 */
final class JsonBody {

  /** The body is bounded by the caller, so a single string may be as long as the body. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private static final List<String> TEMPORALITIES =
      List.of(
          "AGGREGATION_TEMPORALITY_UNSPECIFIED",
          "AGGREGATION_TEMPORALITY_DELTA",
          "AGGREGATION_TEMPORALITY_CUMULATIVE");

  private final JsonCursor in;

  private JsonBody(JsonCursor in) {
    this.in = in;
  }

  static Wire.Logs logs(byte[] body, Dropped dropped) {
    return read(body, dropped, JsonBody::logsRequest);
  }

  static Wire.Metrics metrics(byte[] body, Dropped dropped) {
    return read(body, dropped, JsonBody::metricsRequest);
  }

  @FunctionalInterface
  private interface Request<T> {
    T read(JsonBody reader) throws IOException;
  }

  private static <T> T read(byte[] body, Dropped dropped, Request<T> request) {
    try (var parser = JSON.createParser(body)) {
      var cursor = new JsonCursor(parser, dropped);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw cursor.malformed("the body is not a JSON object");
      }
      var result = request.read(new JsonBody(cursor));
      if (parser.nextToken() != null) {
        throw cursor.malformed("unexpected content after the request object");
      }
      return result;
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      long at = location == null ? 0 : Math.max(0, location.getByteOffset());
      throw new OtlpException(
          "malformed OTLP JSON at byte " + at + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new OtlpException("malformed OTLP JSON: " + e.getMessage(), e);
    }
  }

  // --- the messages ---

  private Wire.Logs logsRequest() throws IOException {
    var resources = new ArrayList<Resource<ScopeLogs>>();
    for (var name = in.firstField("the request"); name != null; name = in.nextField()) {
      switch (name) {
        case "resourceLogs", "resource_logs" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            resources.add(resourceLogs());
          }
        }
        default -> in.skip();
      }
    }
    return new Wire.Logs(resources);
  }

  private Wire.Metrics metricsRequest() throws IOException {
    var resources = new ArrayList<Resource<ScopeMetrics>>();
    for (var name = in.firstField("the request"); name != null; name = in.nextField()) {
      switch (name) {
        case "resourceMetrics", "resource_metrics" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            resources.add(resourceMetrics());
          }
        }
        default -> in.skip();
      }
    }
    return new Wire.Metrics(resources);
  }

  private Resource<ScopeLogs> resourceLogs() throws IOException {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeLogs>();
    for (var name = in.firstField("resourceLogs"); name != null; name = in.nextField()) {
      switch (name) {
        case "resource" -> resource(attributes);
        case "scopeLogs", "scope_logs" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            scopes.add(scopeLogs());
          }
        }
        default -> in.skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  private Resource<ScopeMetrics> resourceMetrics() throws IOException {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeMetrics>();
    for (var name = in.firstField("resourceMetrics"); name != null; name = in.nextField()) {
      switch (name) {
        case "resource" -> resource(attributes);
        case "scopeMetrics", "scope_metrics" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            scopes.add(scopeMetrics());
          }
        }
        default -> in.skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  private void resource(List<Attribute> attributes) throws IOException {
    for (var name = in.firstField("resource"); name != null; name = in.nextField()) {
      if (name.equals("attributes")) {
        attributes(attributes, 0);
      } else {
        in.skip();
      }
    }
  }

  private ScopeLogs scopeLogs() throws IOException {
    var scope = "";
    var records = new ArrayList<LogRecord>();
    for (var name = in.firstField("scopeLogs"); name != null; name = in.nextField()) {
      switch (name) {
        case "scope" -> scope = scopeName();
        case "logRecords", "log_records" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            records.add(logRecord());
          }
        }
        default -> in.skip();
      }
    }
    return new ScopeLogs(scope, records);
  }

  private ScopeMetrics scopeMetrics() throws IOException {
    var scope = "";
    var metrics = new ArrayList<Metric>();
    for (var name = in.firstField("scopeMetrics"); name != null; name = in.nextField()) {
      switch (name) {
        case "scope" -> scope = scopeName();
        case "metrics" -> {
          in.enterArray(name);
          while (in.nextObject(name, true)) {
            metrics.add(metric());
          }
        }
        default -> in.skip();
      }
    }
    return new ScopeMetrics(scope, metrics);
  }

  private String scopeName() throws IOException {
    var scope = "";
    for (var name = in.firstField("scope"); name != null; name = in.nextField()) {
      if (name.equals("name")) {
        scope = in.string(name);
      } else {
        in.skip();
      }
    }
    return scope;
  }

  private LogRecord logRecord() throws IOException {
    int offset = in.tokenOffset();
    long time = 0;
    long observed = 0;
    AnyValue body = AnyValue.EMPTY;
    var eventName = "";
    var attributes = new ArrayList<Attribute>();
    for (var name = in.firstField("logRecord"); name != null; name = in.nextField()) {
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> time = in.uint64(name);
        case "observedTimeUnixNano", "observed_time_unix_nano" -> observed = in.uint64(name);
        case "body" -> body = anyValue(name, 0);
        case "eventName", "event_name" -> eventName = in.string(name);
        case "attributes" -> attributes(attributes, 0);
        default -> in.skip();
      }
    }
    return new LogRecord(offset, time, observed, body, eventName, attributes);
  }

  private Metric metric() throws IOException {
    int offset = in.tokenOffset();
    var metricName = "";
    var unit = "";
    var kind = Kind.NONE;
    int temporality = 0;
    boolean monotonic = false;
    List<NumberPoint> points = List.of();
    int otherPoints = 0;
    for (var name = in.firstField("metric"); name != null; name = in.nextField()) {
      switch (name) {
        case "name" -> metricName = in.string(name);
        case "unit" -> unit = in.string(name);
        case "gauge", "sum" -> {
          kind = name.equals("gauge") ? Kind.GAUGE : Kind.SUM;
          temporality = 0;
          monotonic = false;
          otherPoints = 0;
          var read = new ArrayList<NumberPoint>();
          for (var field = in.firstField(name); field != null; field = in.nextField()) {
            switch (field) {
              case "dataPoints", "data_points" -> {
                in.enterArray(field);
                while (in.nextObject(field, true)) {
                  read.add(numberPoint());
                }
              }
              case "aggregationTemporality", "aggregation_temporality" ->
                  temporality = in.enumValue(field, TEMPORALITIES);
              case "isMonotonic", "is_monotonic" -> monotonic = in.bool(field);
              default -> in.skip();
            }
          }
          points = read;
        }
        case "histogram", "exponentialHistogram", "exponential_histogram", "summary" -> {
          kind =
              switch (name) {
                case "histogram" -> Kind.HISTOGRAM;
                case "summary" -> Kind.SUMMARY;
                default -> Kind.EXPONENTIAL_HISTOGRAM;
              };
          temporality = 0;
          monotonic = false;
          points = List.of();
          otherPoints = 0;
          for (var field = in.firstField(name); field != null; field = in.nextField()) {
            switch (field) {
              case "dataPoints", "data_points" -> {
                in.enterArray(field);
                while (in.nextObject(field, true)) {
                  otherPoints++;
                  in.skip();
                }
              }
              case "aggregationTemporality", "aggregation_temporality" ->
                  temporality = in.enumValue(field, TEMPORALITIES);
              default -> in.skip();
            }
          }
        }
        default -> in.skip();
      }
    }
    return new Metric(offset, metricName, unit, kind, temporality, monotonic, points, otherPoints);
  }

  private NumberPoint numberPoint() throws IOException {
    int offset = in.tokenOffset();
    var attributes = new ArrayList<Attribute>();
    long start = 0;
    long time = 0;
    Double value = null;
    int flags = 0;
    for (var name = in.firstField("dataPoint"); name != null; name = in.nextField()) {
      switch (name) {
        case "attributes" -> attributes(attributes, 0);
        case "startTimeUnixNano", "start_time_unix_nano" -> start = in.uint64(name);
        case "timeUnixNano", "time_unix_nano" -> time = in.uint64(name);
        case "asDouble", "as_double" -> value = in.real(name);
        case "asInt", "as_int" -> value = (double) in.int64(name);
        case "flags" -> flags = (int) in.uint32(name);
        default -> in.skip();
      }
    }
    return new NumberPoint(offset, attributes, start, time, value, flags);
  }

  private void attributes(List<Attribute> into, int depth) throws IOException {
    in.enterArray("attributes");
    while (in.nextObject("attributes", false)) {
      into.add(keyValue(depth));
    }
  }

  private Attribute keyValue(int depth) throws IOException {
    var key = "";
    AnyValue value = AnyValue.EMPTY;
    for (var name = in.firstField("keyValue"); name != null; name = in.nextField()) {
      switch (name) {
        case "key" -> key = in.string(name);
        case "value" -> value = anyValue(name, depth);
        default -> in.skip();
      }
    }
    return new Attribute(key, value);
  }

  private AnyValue anyValue(String what, int depth) throws IOException {
    if (depth > AnyValue.MAX_DEPTH) {
      throw in.malformed("values nested deeper than " + AnyValue.MAX_DEPTH + " levels");
    }
    AnyValue value = AnyValue.EMPTY;
    for (var name = in.firstField(what); name != null; name = in.nextField()) {
      switch (name) {
        case "stringValue", "string_value" -> value = new AnyValue.Text(in.string(name));
        case "boolValue", "bool_value" -> value = new AnyValue.Bool(in.bool(name));
        case "intValue", "int_value" -> value = new AnyValue.Int(in.int64(name));
        case "doubleValue", "double_value" -> value = new AnyValue.Real(in.real(name));
        case "bytesValue", "bytes_value" -> value = AnyValue.Bytes.of(in.bytes(name));
        case "arrayValue", "array_value" -> {
          var values = new ArrayList<AnyValue>();
          for (var field = in.firstField(name); field != null; field = in.nextField()) {
            if (field.equals("values")) {
              in.enterArray(field);
              while (in.nextObject(field, false)) {
                values.add(anyValue(field, depth + 1));
              }
            } else {
              in.skip();
            }
          }
          value = new AnyValue.Array(values);
        }
        case "kvlistValue", "kvlist_value" -> {
          var values = new ArrayList<Attribute>();
          for (var field = in.firstField(name); field != null; field = in.nextField()) {
            if (field.equals("values")) {
              in.enterArray(field);
              while (in.nextObject(field, false)) {
                values.add(keyValue(depth + 1));
              }
            } else {
              in.skip();
            }
          }
          value = new AnyValue.KeyValues(values);
        }
        default -> in.skip();
      }
    }
    return value;
  }
}
