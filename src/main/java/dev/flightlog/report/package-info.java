/**
 * Every number's definition, computed from read-only queries, rendered as table/JSON/CSV. The
 * definitions of PRODUCT.md §4 live here, each once: cost ({@code Cost}, with the price table in
 * {@code PriceTable}), the tool success rate ({@code SuccessRate}), duration percentiles ({@code
 * Percentiles}) and local days (through {@code store.Grouping}). A report is a {@code Result}:
 * named, typed columns and rows, which one renderer per format writes.
 *
 * <p>May depend on: the root package, store.
 */
@NullMarked
package dev.flightlog.report;

import org.jspecify.annotations.NullMarked;
