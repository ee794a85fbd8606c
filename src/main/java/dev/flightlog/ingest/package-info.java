/**
 * The single write path every channel uses: decode, pass the content through the {@link
 * dev.flightlog.ingest.Gate} (where capture levels and redaction apply, before anything is stored),
 * store the facts together with their source position in one transaction, then publish the
 * committed changes. Also what feeds it: the transcript readers, once ({@link
 * dev.flightlog.ingest.TranscriptImport}) or for as long as the daemon runs ({@link
 * dev.flightlog.ingest.TranscriptFollower}), both through one per-file read; and the intakes of
 * hook payloads ({@link dev.flightlog.ingest.HookIntake}) and OTLP requests ({@link
 * dev.flightlog.ingest.OtlpIntake}).
 *
 * <p>May depend on: the root package, claude, otlp, tail, store, live, redact.
 */
@NullMarked
package dev.flightlog.ingest;

import org.jspecify.annotations.NullMarked;
