/**
 * Owns the running daemon ({@code flightlog serve}): wires every long-lived component by hand in
 * one place, starts them in order (store, ingest, transcript follower, then the intake channels),
 * and closes them in reverse — stop intake, stop following, drain ingest, close the store —
 * collecting failures as suppressed exceptions. Process concerns (signals, exit codes, printing)
 * stay in cli.
 *
 * <p>May depend on: every package but cli.
 */
@NullMarked
package dev.flightlog.daemon;

import org.jspecify.annotations.NullMarked;
