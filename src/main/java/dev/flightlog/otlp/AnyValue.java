package dev.flightlog.otlp;

import java.util.List;

/**
 * OTLP's {@code AnyValue}: an attribute value or a log body. {@link Empty} is a value with none of
 * its fields set (and a value flightlog cannot read, such as a string-table index).
 */
sealed interface AnyValue {

  /** Deepest nesting of array and key-value-list values accepted in a request. */
  int MAX_DEPTH = 64;

  record Text(String value) implements AnyValue {}

  record Bool(boolean value) implements AnyValue {}

  record Int(long value) implements AnyValue {}

  record Real(double value) implements AnyValue {}

  /** Raw bytes; compared by content, so the JSON and protobuf readings of a body are equal. */
  record Bytes(List<Byte> value) implements AnyValue {
    public Bytes {
      value = List.copyOf(value);
    }

    static Bytes of(byte[] bytes) {
      var list = new java.util.ArrayList<Byte>(bytes.length);
      for (var b : bytes) {
        list.add(b);
      }
      return new Bytes(list);
    }

    byte[] toArray() {
      var bytes = new byte[value.size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = value.get(i);
      }
      return bytes;
    }
  }

  record Array(List<AnyValue> values) implements AnyValue {
    public Array {
      values = List.copyOf(values);
    }
  }

  record KeyValues(List<Attribute> values) implements AnyValue {
    public KeyValues {
      values = List.copyOf(values);
    }
  }

  record Empty() implements AnyValue {}

  Empty EMPTY = new Empty();

  /** One attribute: a key and its value. */
  record Attribute(String key, AnyValue value) {}
}
