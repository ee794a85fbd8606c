/**
 * Wires Claude Code to flightlog: merges flightlog's hooks (and optionally its OpenTelemetry
 * settings) into Claude Code's settings JSON and takes them out again, touching nothing else;
 * writes the command-hook spooler script; and installs the user service that runs the daemon at
 * login. Settings are read and written through a small order-preserving JSON tree so a user's file
 * keeps its keys in their order.
 *
 * <p>May depend on: the root package and Jackson's streaming core.
 */
@NullMarked
package dev.flightlog.install;

import org.jspecify.annotations.NullMarked;
