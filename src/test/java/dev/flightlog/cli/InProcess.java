package dev.flightlog.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs flightlog command lines in this JVM, with a given environment instead of the process's, for
 * tests outside this package (the end-to-end tests).
 */
public final class InProcess {
  private InProcess() {}

  /** A command's exit code and everything it printed. */
  public record Result(int code, String out, String err) {}

  /**
   * Runs {@code flightlog args…} as on Linux, off a terminal.
   *
   * @param variables the environment variables flightlog sees (nothing else is inherited)
   * @param userHome the user's home directory
   */
  public static Result run(Map<String, String> variables, Path userHome, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment = new Environment(Map.copyOf(variables), userHome, "Linux", false);
    int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
