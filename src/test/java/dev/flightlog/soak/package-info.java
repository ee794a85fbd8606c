/**
 * Load and soak: {@link dev.flightlog.soak.Workload} simulates Claude Code agents (transcripts
 * written line by line, hooks over HTTP and through the spool) and records what they wrote as
 * ground truth; {@link dev.flightlog.soak.Soak} runs many of them against the real daemon for
 * minutes, with the dashboard open, and reports throughput, hook latency, end-to-end latency,
 * memory over time and loss. Test code only.
 */
@NullMarked
package dev.flightlog.soak;

import org.jspecify.annotations.NullMarked;
