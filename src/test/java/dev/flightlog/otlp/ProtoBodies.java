package dev.flightlog.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The protobuf encoding of an OTLP JSON body, built with the official opentelemetry-proto message
 * classes: every field of the JSON that OTLP defines is set through its generated setter, so the
 * bytes follow the real schema, not flightlog's reading of it. List elements that are not objects
 * (the abridged samples' {@code "<<truncated list…>>"} markers) have no protobuf form and are left
 * out.
 */
final class ProtoBodies {

  private ProtoBodies() {}

  static byte[] logs(byte[] json) {
    var request = ExportLogsServiceRequest.newBuilder();
    for (var rl : Json.objects(Json.object(Json.parse(json)), "resourceLogs")) {
      var resourceLogs = ResourceLogs.newBuilder();
      if (rl.get("resource") instanceof Map<?, ?> resource) {
        resourceLogs.setResource(resource(Json.object(resource)));
      }
      if (rl.get("schemaUrl") instanceof String url) {
        resourceLogs.setSchemaUrl(url);
      }
      for (var sl : Json.objects(rl, "scopeLogs")) {
        var scopeLogs = ScopeLogs.newBuilder();
        if (sl.get("scope") instanceof Map<?, ?> scope) {
          scopeLogs.setScope(scope(Json.object(scope)));
        }
        for (var r : Json.objects(sl, "logRecords")) {
          scopeLogs.addLogRecords(logRecord(r));
        }
        resourceLogs.addScopeLogs(scopeLogs);
      }
      request.addResourceLogs(resourceLogs);
    }
    return request.build().toByteArray();
  }

  static byte[] metrics(byte[] json) {
    var request = ExportMetricsServiceRequest.newBuilder();
    for (var rm : Json.objects(Json.object(Json.parse(json)), "resourceMetrics")) {
      var resourceMetrics = ResourceMetrics.newBuilder();
      if (rm.get("resource") instanceof Map<?, ?> resource) {
        resourceMetrics.setResource(resource(Json.object(resource)));
      }
      for (var sm : Json.objects(rm, "scopeMetrics")) {
        var scopeMetrics = ScopeMetrics.newBuilder();
        if (sm.get("scope") instanceof Map<?, ?> scope) {
          scopeMetrics.setScope(scope(Json.object(scope)));
        }
        for (var m : Json.objects(sm, "metrics")) {
          scopeMetrics.addMetrics(metric(m));
        }
        resourceMetrics.addScopeMetrics(scopeMetrics);
      }
      request.addResourceMetrics(resourceMetrics);
    }
    return request.build().toByteArray();
  }

  private static Resource resource(Map<String, Object> json) {
    var resource = Resource.newBuilder().addAllAttributes(attributes(json, "attributes"));
    if (json.get("droppedAttributesCount") instanceof Long dropped) {
      resource.setDroppedAttributesCount(dropped.intValue());
    }
    return resource.build();
  }

  private static InstrumentationScope scope(Map<String, Object> json) {
    var scope = InstrumentationScope.newBuilder();
    if (json.get("name") instanceof String name) {
      scope.setName(name);
    }
    if (json.get("version") instanceof String version) {
      scope.setVersion(version);
    }
    return scope.addAllAttributes(attributes(json, "attributes")).build();
  }

  private static LogRecord logRecord(Map<String, Object> json) {
    var record = LogRecord.newBuilder();
    if (json.containsKey("timeUnixNano")) {
      record.setTimeUnixNano(integer(json.get("timeUnixNano")));
    }
    if (json.containsKey("observedTimeUnixNano")) {
      record.setObservedTimeUnixNano(integer(json.get("observedTimeUnixNano")));
    }
    if (json.containsKey("severityNumber")) {
      record.setSeverityNumberValue((int) integer(json.get("severityNumber")));
    }
    if (json.get("severityText") instanceof String text) {
      record.setSeverityText(text);
    }
    if (json.get("body") instanceof Map<?, ?> body) {
      record.setBody(anyValue(Json.object(body)));
    }
    record.addAllAttributes(attributes(json, "attributes"));
    if (json.containsKey("droppedAttributesCount")) {
      record.setDroppedAttributesCount((int) integer(json.get("droppedAttributesCount")));
    }
    if (json.containsKey("flags")) {
      record.setFlags((int) integer(json.get("flags")));
    }
    if (json.get("traceId") instanceof String traceId) {
      record.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)));
    }
    if (json.get("spanId") instanceof String spanId) {
      record.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)));
    }
    if (json.get("eventName") instanceof String eventName) {
      record.setEventName(eventName);
    }
    return record.build();
  }

  private static Metric metric(Map<String, Object> json) {
    var metric = Metric.newBuilder();
    if (json.get("name") instanceof String name) {
      metric.setName(name);
    }
    if (json.get("description") instanceof String description) {
      metric.setDescription(description);
    }
    if (json.get("unit") instanceof String unit) {
      metric.setUnit(unit);
    }
    if (json.get("sum") instanceof Map<?, ?> s) {
      var data = Json.object(s);
      var sum = Sum.newBuilder();
      if (data.containsKey("aggregationTemporality")) {
        sum.setAggregationTemporalityValue((int) integer(data.get("aggregationTemporality")));
      }
      if (data.get("isMonotonic") instanceof Boolean monotonic) {
        sum.setIsMonotonic(monotonic);
      }
      for (var point : Json.objects(data, "dataPoints")) {
        sum.addDataPoints(numberPoint(point));
      }
      metric.setSum(sum);
    }
    if (json.get("gauge") instanceof Map<?, ?> g) {
      var gauge = Gauge.newBuilder();
      for (var point : Json.objects(Json.object(g), "dataPoints")) {
        gauge.addDataPoints(numberPoint(point));
      }
      metric.setGauge(gauge);
    }
    if (json.get("histogram") instanceof Map<?, ?> h) {
      var data = Json.object(h);
      var histogram = Histogram.newBuilder();
      if (data.containsKey("aggregationTemporality")) {
        histogram.setAggregationTemporalityValue((int) integer(data.get("aggregationTemporality")));
      }
      for (var point : Json.objects(data, "dataPoints")) {
        var p = HistogramDataPoint.newBuilder().addAllAttributes(attributes(point, "attributes"));
        if (point.containsKey("timeUnixNano")) {
          p.setTimeUnixNano(integer(point.get("timeUnixNano")));
        }
        if (point.containsKey("count")) {
          p.setCount(integer(point.get("count")));
        }
        histogram.addDataPoints(p);
      }
      metric.setHistogram(histogram);
    }
    return metric.build();
  }

  private static NumberDataPoint numberPoint(Map<String, Object> json) {
    var point = NumberDataPoint.newBuilder().addAllAttributes(attributes(json, "attributes"));
    if (json.containsKey("startTimeUnixNano")) {
      point.setStartTimeUnixNano(integer(json.get("startTimeUnixNano")));
    }
    if (json.containsKey("timeUnixNano")) {
      point.setTimeUnixNano(integer(json.get("timeUnixNano")));
    }
    if (json.containsKey("asDouble")) {
      point.setAsDouble(((Number) json.get("asDouble")).doubleValue());
    }
    if (json.containsKey("asInt")) {
      point.setAsInt(integer(json.get("asInt")));
    }
    if (json.containsKey("flags")) {
      point.setFlags((int) integer(json.get("flags")));
    }
    return point.build();
  }

  private static List<KeyValue> attributes(Map<String, Object> json, String name) {
    return Json.objects(json, name).stream().map(ProtoBodies::keyValue).toList();
  }

  private static KeyValue keyValue(Map<String, Object> json) {
    var keyValue = KeyValue.newBuilder();
    if (json.get("key") instanceof String key) {
      keyValue.setKey(key);
    }
    if (json.get("value") instanceof Map<?, ?> value) {
      keyValue.setValue(anyValue(Json.object(value)));
    }
    return keyValue.build();
  }

  private static AnyValue anyValue(Map<String, Object> json) {
    var value = AnyValue.newBuilder();
    for (var entry : json.entrySet()) {
      var v = entry.getValue();
      switch (entry.getKey()) {
        case "stringValue" -> value.setStringValue((String) v);
        case "boolValue" -> value.setBoolValue((Boolean) v);
        case "intValue" -> value.setIntValue(integer(v));
        case "doubleValue" -> value.setDoubleValue(((Number) v).doubleValue());
        case "bytesValue" ->
            value.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode((String) v)));
        case "arrayValue" -> {
          var array = ArrayValue.newBuilder();
          for (var element : Json.objects(Json.object(v), "values")) {
            array.addValues(anyValue(element));
          }
          value.setArrayValue(array);
        }
        case "kvlistValue" -> {
          var list = KeyValueList.newBuilder();
          for (var element : Json.objects(Json.object(v), "values")) {
            list.addValues(keyValue(element));
          }
          value.setKvlistValue(list);
        }
        default -> throw new IllegalArgumentException("not an AnyValue field: " + entry.getKey());
      }
    }
    return value.build();
  }

  /** A 64-bit integer written as a JSON number or string (unsigned ones may exceed a long). */
  private static long integer(Object value) {
    return switch (value) {
      case Long l -> l;
      case String s when s.startsWith("AGGREGATION_TEMPORALITY_") ->
          io.opentelemetry.proto.metrics.v1.AggregationTemporality.valueOf(s).getNumber();
      case String s when s.startsWith("SEVERITY_NUMBER_") ->
          io.opentelemetry.proto.logs.v1.SeverityNumber.valueOf(s).getNumber();
      case String s -> new BigDecimal(s).toBigIntegerExact().longValue();
      default -> throw new IllegalArgumentException("not an integer: " + value);
    };
  }
}
