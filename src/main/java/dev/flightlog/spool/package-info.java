/**
 * The spool: a drop directory where the command-hook spooler (a POSIX shell script) and {@code
 * flightlog hook} leave raw hook payloads for the daemon to drain. A ready file is {@code
 * <name>.json} directly in the directory, holding exactly the payload bytes; its modification time
 * is the time it was received. Writers first write {@code .<name>.tmp} (a leading dot means not
 * ready) and rename it, so a reader never sees half a payload. The daemon drains read, store,
 * remove: a crash replays a file, never loses one.
 *
 * <p>May depend on: nothing but the JDK.
 */
@NullMarked
package dev.flightlog.spool;

import org.jspecify.annotations.NullMarked;
