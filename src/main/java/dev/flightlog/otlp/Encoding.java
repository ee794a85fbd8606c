package dev.flightlog.otlp;

/** How an OTLP/HTTP body is encoded, from its {@code Content-Type}. */
public enum Encoding {
  /** {@code application/json}: the proto3 JSON mapping. */
  JSON,
  /** {@code application/x-protobuf}: the protobuf binary encoding. */
  PROTOBUF
}
