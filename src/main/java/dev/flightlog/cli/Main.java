package dev.flightlog.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flightlog} command. Exit codes, for scripts: 0 success; 1 the command failed (the
 * message says why); 2 the command line was wrong; 3 the command ran but found a problem it reports
 * (e.g. skipped input when {@code --strict} is given).
 */
@Command(
    name = "flightlog",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "The flight recorder for AI coding agents: every tool call, prompt, model request,",
      "token and dollar of Claude Code, in one place, with reports.",
      ""
    })
public final class Main {

  /**
   * The subcommands, by name, in the order help lists them. Only the one a command line names is
   * built: picocli builds a command's model by reflection, and its classes (Java 5 bytecode) are
   * left out of the JDK's AOT cache, so every model it does not build is start-up time saved.
   */
  private static final List<Map.Entry<String, Class<?>>> SUBCOMMANDS =
      List.of(
          Map.entry("serve", ServeCommand.class),
          Map.entry("import", ImportCommand.class),
          Map.entry("report", ReportCommand.class),
          Map.entry("export", ExportCommand.class),
          Map.entry("redact", RedactCommand.class),
          Map.entry("prune", PruneCommand.class),
          Map.entry("tail", TailCommand.class),
          Map.entry("install", InstallCommand.class),
          Map.entry("uninstall", UninstallCommand.class),
          Map.entry("hook", HookCommand.class),
          Map.entry("doctor", DoctorCommand.class),
          Map.entry("warmup", WarmupCommand.class));

  /** Exit code: the command ran and succeeded. */
  static final int OK = 0;

  /** Exit code: the command failed; the message on stderr says why. */
  static final int FAILED = 1;

  /** Exit code: the command line was wrong. */
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("hook")) {
      // The hook runs per event: spool first, before picocli and the writers load.
      System.exit(HookCommand.spool(Environment.system(), System.in));
    }
    var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, Environment.system(), System.in, out, err));
  }

  /**
   * Runs one command line with empty stdin; see {@link #run(String[], Environment, InputStream,
   * PrintWriter, PrintWriter)}.
   */
  static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
    return run(args, environment, InputStream.nullInputStream(), out, err);
  }

  /**
   * Runs one command line and returns its exit code; it reads stdin from {@code in}, and everything
   * it prints goes to out and err.
   */
  static int run(
      String[] args, Environment environment, InputStream in, PrintWriter out, PrintWriter err) {
    var factory = new Factory(environment, in);
    var commandLine = new CommandLine(new Main(), factory);
    var named = SUBCOMMANDS.stream().anyMatch(s -> args.length > 0 && s.getKey().equals(args[0]));
    for (var subcommand : SUBCOMMANDS) {
      if (!named || subcommand.getKey().equals(args[0])) {
        commandLine.addSubcommand(
            subcommand.getKey(), new CommandLine(subcommand.getValue(), factory));
      }
    }
    commandLine
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (exception, line, parsed) -> {
              line.getErr().println("flightlog: " + message(exception));
              return FAILED;
            });
    commandLine.setExitCodeExceptionMapper(exception -> USAGE);
    return commandLine.execute(args);
  }

  private static String message(Throwable exception) {
    var message = exception.getMessage();
    return message == null || message.isBlank() ? exception.toString() : message;
  }

  /** Creates commands with the environment (and, for those that take it, stdin) they may read. */
  private record Factory(Environment environment, InputStream in) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (var constructor : type.getDeclaredConstructors()) {
        var parameters = constructor.getParameterTypes();
        if (parameters.length == 1 && parameters[0] == Environment.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(environment));
        }
        if (parameters.length == 2
            && parameters[0] == Environment.class
            && parameters[1] == InputStream.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(environment, in));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"flightlog " + (version == null ? "(development build)" : version)};
    }
  }
}
