/**
 * The daemon's HTTP surface on the JDK's {@code com.sun.net.httpserver}: {@code POST /hook} (answer
 * first, hand the payload to the receiver after), OTLP/HTTP logs and metrics, the live event stream
 * (Server-Sent Events from {@code live.Broker}), the health document and the reports ({@code GET
 * /api/report/NAME}, the bytes {@code flightlog report} prints). Guards every request (Host
 * allow-list, Origin on writes, body caps), maps refusals to statuses in one place, and counts what
 * it received and rejected. The daemon adapts the ingest intakes to {@link
 * dev.flightlog.web.Receivers}.
 *
 * <p>May depend on: the root package, live (and, per STYLE.md, ingest, store and report).
 */
@NullMarked
package dev.flightlog.web;

import org.jspecify.annotations.NullMarked;
