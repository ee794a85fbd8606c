/**
 * The command line: {@code Main} and one picocli command per subcommand. The only code that reads
 * the environment and flags, prints to the standard streams and decides exit codes; it builds the
 * one configuration record and wires the other packages by hand.
 *
 * <p>May depend on: every other package.
 */
@NullMarked
package dev.flightlog.cli;

import org.jspecify.annotations.NullMarked;
