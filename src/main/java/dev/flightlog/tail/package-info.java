/**
 * Follows append-only files from a stored byte offset: recognises a file again by device, inode and
 * a fingerprint of its first bytes, detects truncation and replacement, and yields complete lines
 * only (a partial last line waits for its newline) with bounded memory, skipping lines above a cap
 * without reading them into memory.
 *
 * <p>May depend on: the root package (for {@link dev.flightlog.FilePosition}).
 */
@NullMarked
package dev.flightlog.tail;

import org.jspecify.annotations.NullMarked;
