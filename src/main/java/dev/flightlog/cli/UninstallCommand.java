package dev.flightlog.cli;

import dev.flightlog.install.ClaudeSettings;
import dev.flightlog.install.InstallException;
import dev.flightlog.install.UserService;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "uninstall",
    description = {
      "Take flightlog out of Claude Code's settings: removes the hooks flightlog added",
      "(recognised by the exact URL and spooler command it writes) and the OpenTelemetry",
      "settings that are still exactly flightlog's, and stops and removes the user service.",
      "Everything else in the settings stays as it is; the file is backed up first.",
      "Your recorded data and the spooler script in $FLIGHTLOG_HOME are kept.",
      ""
    },
    footer = {
      "",
      "Give the same --addr and --scope as to install.",
      "",
      "Exit codes: 0 removed (or nothing to remove); 1 failed; 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class UninstallCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin ClaudeTarget target;

  UninstallCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var line = spec.commandLine();
    var out = line.getOut();
    var addr = target.addr(line);
    var edit =
        ClaudeSettings.uninstall(
            target.settingsFile(environment), addr, ClaudeTarget.spoolerCommand(environment));
    UserService userService = null;
    try {
      var known = InstallCommand.userService(environment);
      if (Files.exists(known.file())) {
        userService = known;
      }
    } catch (InstallException e) {
      // no service manager flightlog knows: it installed no service here
    }

    if (target.dryRun) {
      out.println("flightlog uninstall --dry-run: nothing was written.");
      InstallCommand.printEdit(out, edit);
      if (userService != null) {
        out.println("Would stop the service and remove " + userService.file() + ".");
      }
      return Main.OK;
    }

    var backup = edit.apply(Clock.systemUTC());
    if (edit.changed()) {
      out.println(
          "Removed flightlog from "
              + edit.file()
              + (backup != null ? " (backup " + backup.getFileName() + ")." : "."));
    } else {
      out.println(edit.file() + ": no flightlog hooks for " + addr + "; unchanged.");
    }
    if (userService == null) {
      return Main.OK;
    }
    var outcome = userService.uninstall();
    out.println("Removed the service " + outcome.file() + ".");
    var failure = outcome.failure();
    if (failure != null && failure.found()) {
      line.getErr()
          .println(
              "flightlog: could not stop the service: "
                  + failure.describe()
                  + "; its file is removed, but a daemon it started may still run until you stop"
                  + " it or log out.");
      return Main.FAILED;
    }
    return Main.OK;
  }
}
