/**
 * End-to-end tests that drive the real Claude Code command-line program, headless and offline,
 * against a scripted Messages-API server on loopback, and check what flightlog records against what
 * the script asked for. {@link dev.flightlog.e2e.ScriptedModelServer} plays the model, {@link
 * dev.flightlog.e2e.ClaudeCli} finds and runs the pinned CLI in a scratch home, {@link
 * dev.flightlog.e2e.HookRecorder} proves which hooks fired and {@link dev.flightlog.e2e.Flightlog}
 * runs flightlog's own commands in-process. Test code only; it may use every flightlog package,
 * Jackson's streaming API, the JDK's HTTP server and real processes.
 */
@NullMarked
package dev.flightlog.e2e;

import org.jspecify.annotations.NullMarked;
