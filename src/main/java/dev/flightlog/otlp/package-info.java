/**
 * Decodes OpenTelemetry (OTLP/HTTP) exports of logs and metrics, JSON or protobuf, into the record
 * model. The only package that sees OTLP wire types: the proto3 JSON mapping is read with Jackson's
 * streaming parser, protobuf with a small reader of the few messages flightlog needs, and both
 * produce the same wire records, which one mapping per signal turns into facts (see RATIONALE.md,
 * "OTLP"). Also the bounded gunzip of request bodies and the bodies of OTLP/HTTP answers. Pure:
 * bytes in, facts or bytes out, no I/O.
 *
 * <p>May depend on: the root package and Jackson core.
 */
@NullMarked
package dev.flightlog.otlp;

import org.jspecify.annotations.NullMarked;
