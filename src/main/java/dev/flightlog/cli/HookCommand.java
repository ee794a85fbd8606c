package dev.flightlog.cli;

import dev.flightlog.spool.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code flightlog hook}: the command-hook spooler in Java, for platforms without a POSIX shell.
 * Reads the hook payload from stdin and leaves it in the spool, like the shell spooler: prints
 * nothing and exits 0 whatever happens (Claude Code reads a hook's output, and a failing hook must
 * not disturb the agent). {@link Main#main} runs it before picocli loads, to start faster.
 */
@Command(
    name = "hook",
    description = {
      "Spool one Claude Code hook payload from stdin for the daemon (the Java form of the",
      "spooler that flightlog install writes; for platforms without a POSIX shell).",
      "Prints nothing and always exits 0. Payloads over 16 MiB are dropped.",
      ""
    },
    footer = {
      "",
      "Use it as a command hook in Claude Code's settings:",
      "  {\"type\": \"command\", \"command\": \"flightlog hook\"}"
    },
    mixinStandardHelpOptions = true)
final class HookCommand implements Callable<Integer> {

  /** The largest payload spooled; Claude Code's payloads are far smaller. */
  static final int MAX_PAYLOAD = 16 << 20;

  private final Environment environment;
  private final InputStream in;

  HookCommand(Environment environment, InputStream in) {
    this.environment = environment;
    this.in = in;
  }

  @Override
  public Integer call() {
    return spool(environment, in);
  }

  /** Spools stdin; returns 0 whatever happens. */
  static int spool(Environment environment, InputStream in) {
    try {
      var payload = in.readNBytes(MAX_PAYLOAD + 1);
      if (payload.length > MAX_PAYLOAD) {
        in.transferTo(OutputStream.nullOutputStream()); // let the writer finish, then drop it
        return Main.OK;
      }
      if (payload.length > 0) {
        new Spool(environment.dataHome().resolve("spool")).write(payload);
      }
    } catch (IOException | RuntimeException e) {
      // nothing to report to: stdout and stderr belong to Claude Code
    }
    return Main.OK;
  }
}
