/**
 * The in-process broker of stored changes: the ingest path publishes what it committed, and live
 * subscribers (the SSE stream, {@code tail}) each get a bounded queue. A slow subscriber loses its
 * oldest events and is told how many, never slowing ingestion.
 *
 * <p>May depend on: the root package.
 */
@NullMarked
package dev.flightlog.live;

import org.jspecify.annotations.NullMarked;
