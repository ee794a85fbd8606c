package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OTLP/HTTP JSON body (the proto3 JSON mapping) with Jackson's streaming parser. Field
 * names are accepted in lowerCamelCase and as in the proto file; 64-bit integers as numbers or
 * strings; enums as numbers or names; {@code null} as unset; unknown fields are skipped. A field of
 * the wrong JSON type is malformed; a list element that is not an object is left out and counted
 * ({@link Dropped}).
 */
final class JsonBody {

  /** The body is bounded by the caller, so a single string may be as long as the body. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final List<String> TEMPORALITIES =
      List.of(
          "AGGREGATION_TEMPORALITY_UNSPECIFIED",
          "AGGREGATION_TEMPORALITY_DELTA",
          "AGGREGATION_TEMPORALITY_CUMULATIVE");

  private final JsonParser parser;
  private final Dropped dropped;

  private JsonBody(JsonParser parser, Dropped dropped) {
    this.parser = parser;
    this.dropped = dropped;
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
      var reader = new JsonBody(parser, dropped);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw reader.malformed("the body is not a JSON object");
      }
      var result = request.read(reader);
      if (parser.nextToken() != null) {
        throw reader.malformed("unexpected content after the request object");
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
    for (var name = firstField("the request"); name != null; name = nextField()) {
      switch (name) {
        case "resourceLogs", "resource_logs" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            resources.add(resourceLogs());
          }
        }
        default -> skip();
      }
    }
    return new Wire.Logs(resources);
  }

  private Wire.Metrics metricsRequest() throws IOException {
    var resources = new ArrayList<Resource<ScopeMetrics>>();
    for (var name = firstField("the request"); name != null; name = nextField()) {
      switch (name) {
        case "resourceMetrics", "resource_metrics" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            resources.add(resourceMetrics());
          }
        }
        default -> skip();
      }
    }
    return new Wire.Metrics(resources);
  }

  private Resource<ScopeLogs> resourceLogs() throws IOException {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeLogs>();
    for (var name = firstField("resourceLogs"); name != null; name = nextField()) {
      switch (name) {
        case "resource" -> resource(attributes);
        case "scopeLogs", "scope_logs" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            scopes.add(scopeLogs());
          }
        }
        default -> skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  private Resource<ScopeMetrics> resourceMetrics() throws IOException {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeMetrics>();
    for (var name = firstField("resourceMetrics"); name != null; name = nextField()) {
      switch (name) {
        case "resource" -> resource(attributes);
        case "scopeMetrics", "scope_metrics" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            scopes.add(scopeMetrics());
          }
        }
        default -> skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  private void resource(List<Attribute> attributes) throws IOException {
    for (var name = firstField("resource"); name != null; name = nextField()) {
      if (name.equals("attributes")) {
        attributes(attributes, 0);
      } else {
        skip();
      }
    }
  }

  private ScopeLogs scopeLogs() throws IOException {
    var scope = "";
    var records = new ArrayList<LogRecord>();
    for (var name = firstField("scopeLogs"); name != null; name = nextField()) {
      switch (name) {
        case "scope" -> scope = scopeName();
        case "logRecords", "log_records" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            records.add(logRecord());
          }
        }
        default -> skip();
      }
    }
    return new ScopeLogs(scope, records);
  }

  private ScopeMetrics scopeMetrics() throws IOException {
    var scope = "";
    var metrics = new ArrayList<Metric>();
    for (var name = firstField("scopeMetrics"); name != null; name = nextField()) {
      switch (name) {
        case "scope" -> scope = scopeName();
        case "metrics" -> {
          enterArray(name);
          while (nextObject(name, true)) {
            metrics.add(metric());
          }
        }
        default -> skip();
      }
    }
    return new ScopeMetrics(scope, metrics);
  }

  private String scopeName() throws IOException {
    var scope = "";
    for (var name = firstField("scope"); name != null; name = nextField()) {
      if (name.equals("name")) {
        scope = string(name);
      } else {
        skip();
      }
    }
    return scope;
  }

  private LogRecord logRecord() throws IOException {
    int offset = tokenOffset();
    long time = 0;
    long observed = 0;
    AnyValue body = AnyValue.EMPTY;
    var eventName = "";
    var attributes = new ArrayList<Attribute>();
    for (var name = firstField("logRecord"); name != null; name = nextField()) {
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> time = uint64(name);
        case "observedTimeUnixNano", "observed_time_unix_nano" -> observed = uint64(name);
        case "body" -> body = anyValue(name, 0);
        case "eventName", "event_name" -> eventName = string(name);
        case "attributes" -> attributes(attributes, 0);
        default -> skip();
      }
    }
    return new LogRecord(offset, time, observed, body, eventName, attributes);
  }

  private Metric metric() throws IOException {
    int offset = tokenOffset();
    var metricName = "";
    var unit = "";
    var kind = Kind.NONE;
    int temporality = 0;
    boolean monotonic = false;
    List<NumberPoint> points = List.of();
    int otherPoints = 0;
    for (var name = firstField("metric"); name != null; name = nextField()) {
      switch (name) {
        case "name" -> metricName = string(name);
        case "unit" -> unit = string(name);
        case "gauge", "sum" -> {
          kind = name.equals("gauge") ? Kind.GAUGE : Kind.SUM;
          temporality = 0;
          monotonic = false;
          otherPoints = 0;
          var read = new ArrayList<NumberPoint>();
          for (var field = firstField(name); field != null; field = nextField()) {
            switch (field) {
              case "dataPoints", "data_points" -> {
                enterArray(field);
                while (nextObject(field, true)) {
                  read.add(numberPoint());
                }
              }
              case "aggregationTemporality", "aggregation_temporality" ->
                  temporality = enumValue(field, TEMPORALITIES);
              case "isMonotonic", "is_monotonic" -> monotonic = bool(field);
              default -> skip();
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
          for (var field = firstField(name); field != null; field = nextField()) {
            switch (field) {
              case "dataPoints", "data_points" -> {
                enterArray(field);
                while (nextObject(field, true)) {
                  otherPoints++;
                  skip();
                }
              }
              case "aggregationTemporality", "aggregation_temporality" ->
                  temporality = enumValue(field, TEMPORALITIES);
              default -> skip();
            }
          }
        }
        default -> skip();
      }
    }
    return new Metric(offset, metricName, unit, kind, temporality, monotonic, points, otherPoints);
  }

  private NumberPoint numberPoint() throws IOException {
    int offset = tokenOffset();
    var attributes = new ArrayList<Attribute>();
    long start = 0;
    long time = 0;
    Double value = null;
    int flags = 0;
    for (var name = firstField("dataPoint"); name != null; name = nextField()) {
      switch (name) {
        case "attributes" -> attributes(attributes, 0);
        case "startTimeUnixNano", "start_time_unix_nano" -> start = uint64(name);
        case "timeUnixNano", "time_unix_nano" -> time = uint64(name);
        case "asDouble", "as_double" -> value = real(name);
        case "asInt", "as_int" -> value = (double) int64(name);
        case "flags" -> flags = (int) uint32(name);
        default -> skip();
      }
    }
    return new NumberPoint(offset, attributes, start, time, value, flags);
  }

  private void attributes(List<Attribute> into, int depth) throws IOException {
    enterArray("attributes");
    while (nextObject("attributes", false)) {
      into.add(keyValue(depth));
    }
  }

  private Attribute keyValue(int depth) throws IOException {
    var key = "";
    AnyValue value = AnyValue.EMPTY;
    for (var name = firstField("keyValue"); name != null; name = nextField()) {
      switch (name) {
        case "key" -> key = string(name);
        case "value" -> value = anyValue(name, depth);
        default -> skip();
      }
    }
    return new Attribute(key, value);
  }

  private AnyValue anyValue(String what, int depth) throws IOException {
    if (depth > AnyValue.MAX_DEPTH) {
      throw malformed("values nested deeper than " + AnyValue.MAX_DEPTH + " levels");
    }
    AnyValue value = AnyValue.EMPTY;
    for (var name = firstField(what); name != null; name = nextField()) {
      switch (name) {
        case "stringValue", "string_value" -> value = new AnyValue.Text(string(name));
        case "boolValue", "bool_value" -> value = new AnyValue.Bool(bool(name));
        case "intValue", "int_value" -> value = new AnyValue.Int(int64(name));
        case "doubleValue", "double_value" -> value = new AnyValue.Real(real(name));
        case "bytesValue", "bytes_value" -> value = AnyValue.Bytes.of(bytes(name));
        case "arrayValue", "array_value" -> {
          var values = new ArrayList<AnyValue>();
          for (var field = firstField(name); field != null; field = nextField()) {
            if (field.equals("values")) {
              enterArray(field);
              while (nextObject(field, false)) {
                values.add(anyValue(field, depth + 1));
              }
            } else {
              skip();
            }
          }
          value = new AnyValue.Array(values);
        }
        case "kvlistValue", "kvlist_value" -> {
          var values = new ArrayList<Attribute>();
          for (var field = firstField(name); field != null; field = nextField()) {
            if (field.equals("values")) {
              enterArray(field);
              while (nextObject(field, false)) {
                values.add(keyValue(depth + 1));
              }
            } else {
              skip();
            }
          }
          value = new AnyValue.KeyValues(values);
        }
        default -> skip();
      }
    }
    return value;
  }

  // --- structure ---

  /**
   * Enters the object the parser is on and moves to its first field with a non-null value: its
   * name, the parser on the value; null when it has none.
   */
  private @Nullable String firstField(String what) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw malformed(what + " must be an object");
    }
    return nextField();
  }

  /** The next field with a non-null value of the object being read, or null at its end. */
  private @Nullable String nextField() throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      if (parser.nextToken() != JsonToken.VALUE_NULL) {
        return name;
      }
    }
    return null;
  }

  private void enterArray(String what) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw malformed(what + " must be an array");
    }
  }

  /**
   * Moves to the next object element of the array being read; false at its end. Any other element
   * is left out and counted, as an item when {@code items}.
   */
  private boolean nextObject(String what, boolean items) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_OBJECT) {
        return true;
      }
      if (token == null) {
        throw malformed(what + " is cut off before its end");
      }
      long offset = tokenOffset();
      parser.skipChildren();
      if (items) {
        dropped.item(what, offset);
      } else {
        dropped.element(what, offset);
      }
    }
    return false;
  }

  private void skip() throws IOException {
    parser.skipChildren();
  }

  // --- scalars ---

  private String string(String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed(field + " must be a string");
    }
    return parser.getText();
  }

  private boolean bool(String field) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case null, default -> throw malformed(field + " must be true or false");
    };
  }

  /** A 64-bit integer as a JSON number or string, exactly. */
  private BigInteger integer(String field) throws IOException {
    try {
      return switch (parser.currentToken()) {
        case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
        case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().toBigIntegerExact();
        case VALUE_STRING -> new BigDecimal(parser.getText().trim()).toBigIntegerExact();
        case null, default -> throw malformed(field + " must be an integer");
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw malformed(field + " must be an integer, not '" + parser.getText() + "'");
    }
  }

  private long uint64(String field) throws IOException {
    // Fast path: the usual decimal string or number that fits a long.
    long fast = plainLong();
    if (fast >= 0) {
      return fast;
    }
    var value = integer(field);
    if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
      throw malformed(field + " is out of range for an unsigned 64-bit integer: " + value);
    }
    return value.longValue();
  }

  /**
   * A non-negative integer written as plain digits (a JSON number or a string) that fits a long, or
   * -1 for anything else, which the exact path then reads or rejects.
   */
  private long plainLong() throws IOException {
    var token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return -1;
      }
      return parser.getLongValue();
    }
    if (token != JsonToken.VALUE_STRING) {
      return -1;
    }
    var chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    if (length == 0 || length > 19) {
      return -1;
    }
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    // Nineteen digits may pass Long.MAX_VALUE, which wraps to a negative value or below 10^18.
    return length == 19 && value < 1_000_000_000_000_000_000L ? -1 : value;
  }

  private long uint32(String field) throws IOException {
    var value = integer(field);
    if (value.signum() < 0 || value.bitLength() > 32) {
      throw malformed(field + " is out of range for an unsigned 32-bit integer: " + value);
    }
    return value.longValue();
  }

  private long int64(String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    var value = integer(field);
    if (value.bitLength() > 63) {
      throw malformed(field + " is out of range for a 64-bit integer: " + value);
    }
    return value.longValue();
  }

  private double real(String field) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_STRING -> {
        var text = parser.getText().trim();
        switch (text) {
          case "NaN" -> {
            return Double.NaN;
          }
          case "Infinity" -> {
            return Double.POSITIVE_INFINITY;
          }
          case "-Infinity" -> {
            return Double.NEGATIVE_INFINITY;
          }
          default -> {
            try {
              return new BigDecimal(text).doubleValue();
            } catch (NumberFormatException e) {
              throw malformed(field + " must be a number, not '" + text + "'");
            }
          }
        }
      }
      case null, default -> throw malformed(field + " must be a number");
    }
  }

  private byte[] bytes(String field) throws IOException {
    var text = string(field);
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(field + " is not base64: " + e.getMessage());
    }
  }

  /** An enum as its number or its name. */
  private int enumValue(String field, List<String> names) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      int index = names.indexOf(parser.getText());
      if (index < 0) {
        throw malformed(field + " has an unknown value '" + parser.getText() + "'");
      }
      return index;
    }
    var value = integer(field);
    if (value.bitLength() > 31) {
      throw malformed(field + " is out of range: " + value);
    }
    return value.intValue();
  }

  // --- positions ---

  private int tokenOffset() {
    return (int) Math.max(0, parser.currentTokenLocation().getByteOffset());
  }

  private OtlpException malformed(String what) {
    return new OtlpException("malformed OTLP JSON at byte " + tokenOffset() + ": " + what);
  }
}
