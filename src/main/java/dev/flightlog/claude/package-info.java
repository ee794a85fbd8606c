/**
 * Pure decoders of Claude Code's own output into the record model: transcript lines (main and
 * subagent files), subagent {@code .meta.json} files and hook payloads. No I/O: callers hand in
 * bytes and get {@link dev.flightlog.Decoded} results (a {@link
 * dev.flightlog.claude.HookDecoder.Result} for a hook payload) back.
 *
 * <p>May depend on: the root package, Jackson's streaming API.
 */
@NullMarked
package dev.flightlog.claude;

import org.jspecify.annotations.NullMarked;
