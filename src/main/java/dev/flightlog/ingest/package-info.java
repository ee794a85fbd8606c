/**
 * The single write path every channel uses: decode, pass the content through the {@link
 * dev.flightlog.ingest.Gate} (where capture levels and redaction apply, before anything is stored),
 * store the facts together with their source position in one transaction, then publish the
 * committed changes. Also the transcript importer that feeds it from files, and the intake of hook
 * payloads.
 *
 * <p>May depend on: the root package, claude, tail, store, live.
 */
@NullMarked
package dev.flightlog.ingest;

import org.jspecify.annotations.NullMarked;
