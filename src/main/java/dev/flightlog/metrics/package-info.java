/**
 * The definitions of PRODUCT.md §4 that are computed from the records of one session rather than
 * summed from rollups: the error category and signature of a failed call ({@link ErrorSignature}),
 * recovery episodes ({@link Recovery}), the flow of each turn and of the session ({@link Flow}) and
 * Claude's 5-hour usage blocks ({@link Blocks}). Pure functions over records: no I/O, no clock. The
 * store keeps their results in derived tables, recomputed per session whenever one of the session's
 * records changes; the reports sum those tables.
 *
 * <p>May depend on: the root package.
 */
@NullMarked
package dev.flightlog.metrics;

import org.jspecify.annotations.NullMarked;
