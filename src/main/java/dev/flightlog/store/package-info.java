/**
 * The only JDBC code in flightlog: opens the database named by a DSN, applies the embedded numbered
 * migrations of its dialect, writes batches of facts with their source positions in one transaction
 * (merging each fact into the record with the same natural key), keeps the derived tables of the
 * per-session definitions ({@code metrics}) up to date, and answers the read-only queries the
 * reports need. SQLite runs in native code, so all JDBC work happens on the store's own platform
 * threads: one writer and a small reader pool, behind blocking methods.
 *
 * <p>May depend on: the root package, {@code metrics}, {@code java.sql}.
 */
@NullMarked
package dev.flightlog.store;

import org.jspecify.annotations.NullMarked;
