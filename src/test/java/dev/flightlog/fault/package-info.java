/**
 * Fault injection: the real {@code flightlog serve}, run as a child process on a scratch data
 * directory, is killed, starved of disk, made read-only, locked out of its database, has its
 * transcripts truncated, replaced, deleted and rotated, its clock jumped and its spool flooded —
 * while simulated agents ({@link dev.flightlog.soak.Workload}) write transcripts and fire hooks.
 * Each test then asserts that nothing captured was lost or stored twice, that the database is
 * whole, and that the daemon said clearly what went wrong. docs/fault-tests.md lists every fault
 * with what is asserted. Test code only.
 */
@NullMarked
package dev.flightlog.fault;

import org.jspecify.annotations.NullMarked;
