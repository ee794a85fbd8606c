/**
 * The record model of flightlog: the vocabulary every other package speaks. Sessions, threads,
 * prompts, tool calls, model requests, usage and cost, the channels that observe them, and their
 * natural keys. Records validate in their constructors; nothing here does I/O.
 *
 * <p>May depend on: nothing but the JDK and JSpecify.
 */
@NullMarked
package dev.flightlog;

import org.jspecify.annotations.NullMarked;
