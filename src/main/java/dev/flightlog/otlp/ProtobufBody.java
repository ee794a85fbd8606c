package dev.flightlog.otlp;

import static dev.flightlog.otlp.ProtoReader.I64;
import static dev.flightlog.otlp.ProtoReader.LEN;
import static dev.flightlog.otlp.ProtoReader.VARINT;

import dev.flightlog.otlp.AnyValue.Attribute;
import dev.flightlog.otlp.Wire.Kind;
import dev.flightlog.otlp.Wire.LogRecord;
import dev.flightlog.otlp.Wire.Metric;
import dev.flightlog.otlp.Wire.NumberPoint;
import dev.flightlog.otlp.Wire.Resource;
import dev.flightlog.otlp.Wire.ScopeLogs;
import dev.flightlog.otlp.Wire.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code ExportLogsServiceRequest} and {@code ExportMetricsServiceRequest} (opentelemetry-
 * proto v1) from the protobuf binary encoding: the fields flightlog uses, by number, each checked
 * for its declared wire type; every other field is skipped by its wire type, as protobuf readers do
 * with unknown fields.
 */
final class ProtobufBody {

  private ProtobufBody() {}

  static Wire.Logs logs(byte[] body) {
    var in = new ProtoReader(body);
    var resources = new ArrayList<Resource<ScopeLogs>>();
    while (in.next()) {
      if (in.field() == 1) {
        in.expect(LEN, "ExportLogsServiceRequest", "resource_logs");
        resources.add(resourceLogs(in.message()));
      } else {
        in.skip();
      }
    }
    return new Wire.Logs(resources);
  }

  static Wire.Metrics metrics(byte[] body) {
    var in = new ProtoReader(body);
    var resources = new ArrayList<Resource<ScopeMetrics>>();
    while (in.next()) {
      if (in.field() == 1) {
        in.expect(LEN, "ExportMetricsServiceRequest", "resource_metrics");
        resources.add(resourceMetrics(in.message()));
      } else {
        in.skip();
      }
    }
    return new Wire.Metrics(resources);
  }

  private static Resource<ScopeLogs> resourceLogs(ProtoReader in) {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeLogs>();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "ResourceLogs", "resource");
          resource(in.message(), attributes);
        }
        case 2 -> {
          in.expect(LEN, "ResourceLogs", "scope_logs");
          scopes.add(scopeLogs(in.message()));
        }
        default -> in.skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  private static Resource<ScopeMetrics> resourceMetrics(ProtoReader in) {
    var attributes = new ArrayList<Attribute>();
    var scopes = new ArrayList<ScopeMetrics>();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "ResourceMetrics", "resource");
          resource(in.message(), attributes);
        }
        case 2 -> {
          in.expect(LEN, "ResourceMetrics", "scope_metrics");
          scopes.add(scopeMetrics(in.message()));
        }
        default -> in.skip();
      }
    }
    return new Resource<>(attributes, scopes);
  }

  /** {@code Resource}: its attributes (field 1). */
  private static void resource(ProtoReader in, List<Attribute> attributes) {
    while (in.next()) {
      if (in.field() == 1) {
        in.expect(LEN, "Resource", "attributes");
        attributes.add(keyValue(in.message(), 0));
      } else {
        in.skip();
      }
    }
  }

  private static ScopeLogs scopeLogs(ProtoReader in) {
    var scope = "";
    var records = new ArrayList<LogRecord>();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "ScopeLogs", "scope");
          scope = scopeName(in.message());
        }
        case 2 -> {
          in.expect(LEN, "ScopeLogs", "log_records");
          int offset = in.tagOffset();
          records.add(logRecord(in.message(), offset));
        }
        default -> in.skip();
      }
    }
    return new ScopeLogs(scope, records);
  }

  private static ScopeMetrics scopeMetrics(ProtoReader in) {
    var scope = "";
    var metrics = new ArrayList<Metric>();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "ScopeMetrics", "scope");
          scope = scopeName(in.message());
        }
        case 2 -> {
          in.expect(LEN, "ScopeMetrics", "metrics");
          int offset = in.tagOffset();
          metrics.add(metric(in.message(), offset));
        }
        default -> in.skip();
      }
    }
    return new ScopeMetrics(scope, metrics);
  }

  /** {@code InstrumentationScope}: its name (field 1). */
  private static String scopeName(ProtoReader in) {
    var name = "";
    while (in.next()) {
      if (in.field() == 1) {
        in.expect(LEN, "InstrumentationScope", "name");
        name = in.string();
      } else {
        in.skip();
      }
    }
    return name;
  }

  private static LogRecord logRecord(ProtoReader in, int offset) {
    long time = 0;
    long observed = 0;
    AnyValue body = AnyValue.EMPTY;
    var eventName = "";
    var attributes = new ArrayList<Attribute>();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(I64, "LogRecord", "time_unix_nano");
          time = in.fixed64();
        }
        case 11 -> {
          in.expect(I64, "LogRecord", "observed_time_unix_nano");
          observed = in.fixed64();
        }
        case 5 -> {
          in.expect(LEN, "LogRecord", "body");
          body = anyValue(in.message(), 0);
        }
        case 6 -> {
          in.expect(LEN, "LogRecord", "attributes");
          attributes.add(keyValue(in.message(), 0));
        }
        case 12 -> {
          in.expect(LEN, "LogRecord", "event_name");
          eventName = in.string();
        }
        default -> in.skip();
      }
    }
    return new LogRecord(offset, time, observed, body, eventName, attributes);
  }

  private static Metric metric(ProtoReader in, int offset) {
    var name = "";
    var unit = "";
    var kind = Kind.NONE;
    int temporality = 0;
    boolean monotonic = false;
    List<NumberPoint> points = List.of();
    int otherPoints = 0;
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "Metric", "name");
          name = in.string();
        }
        case 3 -> {
          in.expect(LEN, "Metric", "unit");
          unit = in.string();
        }
        case 5, 7 -> {
          boolean gauge = in.field() == 5;
          in.expect(LEN, "Metric", gauge ? "gauge" : "sum");
          kind = gauge ? Kind.GAUGE : Kind.SUM;
          temporality = 0;
          monotonic = false;
          otherPoints = 0;
          var read = new ArrayList<NumberPoint>();
          var data = in.message();
          while (data.next()) {
            switch (data.field()) {
              case 1 -> {
                data.expect(LEN, gauge ? "Gauge" : "Sum", "data_points");
                int at = data.tagOffset();
                read.add(numberPoint(data.message(), at));
              }
              case 2 -> {
                if (gauge) {
                  data.skip();
                } else {
                  data.expect(VARINT, "Sum", "aggregation_temporality");
                  temporality = (int) data.varint();
                }
              }
              case 3 -> {
                if (gauge) {
                  data.skip();
                } else {
                  data.expect(VARINT, "Sum", "is_monotonic");
                  monotonic = data.varint() != 0;
                }
              }
              default -> data.skip();
            }
          }
          points = read;
        }
        case 9, 10, 11 -> {
          kind =
              switch (in.field()) {
                case 9 -> Kind.HISTOGRAM;
                case 10 -> Kind.EXPONENTIAL_HISTOGRAM;
                default -> Kind.SUMMARY;
              };
          in.expect(LEN, "Metric", kind.name().toLowerCase(Locale.ROOT));
          temporality = 0;
          monotonic = false;
          points = List.of();
          otherPoints = 0;
          var data = in.message();
          while (data.next()) {
            if (data.field() == 1) {
              data.expect(
                  LEN, "the data of a " + kind.name().toLowerCase(Locale.ROOT), "data_points");
              otherPoints++;
            } else if (data.field() == 2 && kind != Kind.SUMMARY) {
              data.expect(VARINT, "the data of a histogram", "aggregation_temporality");
              temporality = (int) data.varint();
              continue;
            }
            data.skip();
          }
        }
        default -> in.skip();
      }
    }
    return new Metric(offset, name, unit, kind, temporality, monotonic, points, otherPoints);
  }

  private static NumberPoint numberPoint(ProtoReader in, int offset) {
    var attributes = new ArrayList<Attribute>();
    long start = 0;
    long time = 0;
    Double value = null;
    int flags = 0;
    while (in.next()) {
      switch (in.field()) {
        case 7 -> {
          in.expect(LEN, "NumberDataPoint", "attributes");
          attributes.add(keyValue(in.message(), 0));
        }
        case 2 -> {
          in.expect(I64, "NumberDataPoint", "start_time_unix_nano");
          start = in.fixed64();
        }
        case 3 -> {
          in.expect(I64, "NumberDataPoint", "time_unix_nano");
          time = in.fixed64();
        }
        case 4 -> {
          in.expect(I64, "NumberDataPoint", "as_double");
          value = in.double64();
        }
        case 6 -> {
          in.expect(I64, "NumberDataPoint", "as_int");
          value = (double) in.fixed64();
        }
        case 8 -> {
          in.expect(VARINT, "NumberDataPoint", "flags");
          flags = (int) in.varint();
        }
        default -> in.skip();
      }
    }
    return new NumberPoint(offset, attributes, start, time, value, flags);
  }

  private static Attribute keyValue(ProtoReader in, int depth) {
    var key = "";
    AnyValue value = AnyValue.EMPTY;
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "KeyValue", "key");
          key = in.string();
        }
        case 2 -> {
          in.expect(LEN, "KeyValue", "value");
          value = anyValue(in.message(), depth);
        }
        default -> in.skip();
      }
    }
    return new Attribute(key, value);
  }

  /** {@code AnyValue}: the last of its oneof fields wins, as in protobuf. */
  private static AnyValue anyValue(ProtoReader in, int depth) {
    if (depth > AnyValue.MAX_DEPTH) {
      throw in.malformed(in.start(), "values nested deeper than " + AnyValue.MAX_DEPTH + " levels");
    }
    AnyValue value = AnyValue.EMPTY;
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          in.expect(LEN, "AnyValue", "string_value");
          value = new AnyValue.Text(in.string());
        }
        case 2 -> {
          in.expect(VARINT, "AnyValue", "bool_value");
          value = new AnyValue.Bool(in.varint() != 0);
        }
        case 3 -> {
          in.expect(VARINT, "AnyValue", "int_value");
          value = new AnyValue.Int(in.varint());
        }
        case 4 -> {
          in.expect(I64, "AnyValue", "double_value");
          value = new AnyValue.Real(in.double64());
        }
        case 5 -> {
          in.expect(LEN, "AnyValue", "array_value");
          var array = in.message();
          var values = new ArrayList<AnyValue>();
          while (array.next()) {
            if (array.field() == 1) {
              array.expect(LEN, "ArrayValue", "values");
              values.add(anyValue(array.message(), depth + 1));
            } else {
              array.skip();
            }
          }
          value = new AnyValue.Array(values);
        }
        case 6 -> {
          in.expect(LEN, "AnyValue", "kvlist_value");
          var list = in.message();
          var values = new ArrayList<Attribute>();
          while (list.next()) {
            if (list.field() == 1) {
              list.expect(LEN, "KeyValueList", "values");
              values.add(keyValue(list.message(), depth + 1));
            } else {
              list.skip();
            }
          }
          value = new AnyValue.KeyValues(values);
        }
        case 7 -> {
          in.expect(LEN, "AnyValue", "bytes_value");
          value = AnyValue.Bytes.of(in.bytes());
        }
        case 8 -> {
          // string_value_strindex: an index into a dictionary that only profiles carry.
          in.skip();
          value = AnyValue.EMPTY;
        }
        default -> in.skip();
      }
    }
    return value;
  }
}
