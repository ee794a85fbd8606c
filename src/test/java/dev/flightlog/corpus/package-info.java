/**
 * A deterministic generator of realistic Claude Code data directories ({@code ~/.claude} shaped
 * trees of transcripts and subagent files) together with the totals a correct reader must reproduce
 * from them. Used by tests, by the import benchmarks and by the ccusage comparison in {@code
 * bench/}.
 *
 * <p>Test code only; may depend on the root package and Jackson's streaming API.
 */
@NullMarked
package dev.flightlog.corpus;

import org.jspecify.annotations.NullMarked;
