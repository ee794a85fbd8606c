/**
 * The in-process broker of stored changes: the ingest path publishes what it committed, each change
 * is numbered within the daemon's run and the latest are kept in a ring for reconnecting clients,
 * and live subscribers (the SSE stream behind {@code tail} and the dashboard) each get a bounded,
 * filtered queue. A slow subscriber loses its oldest events and is told how many, never slowing
 * ingestion.
 *
 * <p>May depend on: the root package.
 */
@NullMarked
package dev.flightlog.live;

import org.jspecify.annotations.NullMarked;
