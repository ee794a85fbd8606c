package dev.flightlog.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * The user service that runs {@code flightlog serve} at login and restarts it when it fails: a
 * systemd user unit on Linux ({@code ~/.config/systemd/user/flightlog.service}), a launchd agent on
 * macOS ({@code ~/Library/LaunchAgents/dev.flightlog.serve.plist}). Where the service manager is
 * missing or refuses (a container without a user session, say), the file stays in place and the
 * outcome says what failed.
 */
public final class UserService {

  /** The systemd unit's name. */
  static final String UNIT = "flightlog.service";

  /** The launchd agent's label. */
  static final String LABEL = "dev.flightlog.serve";

  /** What the service runs: the command line and its environment. */
  public record Spec(List<String> command, SequencedMap<String, String> environment, Path log) {
    public Spec {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("the service's command line is empty");
      }
      environment = new java.util.LinkedHashMap<>(environment);
      Objects.requireNonNull(log, "log");
    }
  }

  /**
   * What installing or removing the service did: the file, the commands run and how each went, and
   * whether all of them succeeded.
   */
  public record Outcome(Path file, boolean fileChanged, List<Commands.Result> steps) {
    public Outcome {
      steps = List.copyOf(steps);
    }

    /** The first command that failed, or null. */
    public Commands.@Nullable Result failure() {
      return steps.stream().filter(r -> !r.ok()).findFirst().orElse(null);
    }
  }

  private enum Manager {
    SYSTEMD,
    LAUNCHD
  }

  private final Manager manager;
  private final Path file;
  private final String domain;
  private final Commands commands;

  private UserService(Manager manager, Path file, String domain, Commands commands) {
    this.manager = manager;
    this.file = file;
    this.domain = domain;
    this.commands = commands;
  }

  /**
   * The service for this platform.
   *
   * @param configHome {@code $XDG_CONFIG_HOME} when set (Linux), else null
   * @throws InstallException on a platform without a supported service manager
   */
  public static UserService forPlatform(
      String osName, Path userHome, @Nullable String configHome, Commands commands) {
    var os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      var config = configHome != null ? Path.of(configHome) : userHome.resolve(".config");
      return new UserService(
          Manager.SYSTEMD, config.resolve("systemd/user").resolve(UNIT), "", commands);
    }
    if (os.contains("mac")) {
      return new UserService(
          Manager.LAUNCHD,
          userHome.resolve("Library/LaunchAgents").resolve(LABEL + ".plist"),
          "gui/" + uid(userHome),
          commands);
    }
    throw new InstallException(
        "--service knows systemd (Linux) and launchd (macOS), not "
            + osName
            + "; start the daemon yourself with: flightlog serve");
  }

  /** The unit or agent file. */
  public Path file() {
    return file;
  }

  /** The file's content for this spec. */
  public String content(Spec spec) {
    return switch (manager) {
      case SYSTEMD -> unit(spec);
      case LAUNCHD -> plist(spec);
    };
  }

  /** The commands that (re)start the service, as {@link #install} runs them. */
  public List<List<String>> startCommands(boolean replacing) {
    return switch (manager) {
      case SYSTEMD -> {
        var list = new ArrayList<List<String>>();
        list.add(List.of("systemctl", "--user", "daemon-reload"));
        list.add(List.of("systemctl", "--user", "enable", "--now", UNIT));
        if (replacing) {
          list.add(List.of("systemctl", "--user", "restart", UNIT));
        }
        yield list;
      }
      case LAUNCHD ->
          replacing
              ? List.of(
                  List.of("launchctl", "bootout", domain + "/" + LABEL),
                  List.of("launchctl", "bootstrap", domain, file.toString()))
              : List.of(List.of("launchctl", "bootstrap", domain, file.toString()));
    };
  }

  /**
   * Writes the file and starts the service; stops at the first command that fails (a failed {@code
   * launchctl bootout} of a service that was not loaded is not a failure).
   *
   * @throws InstallException when the file cannot be written
   */
  public Outcome install(Spec spec) {
    var content = content(spec);
    String old;
    try {
      old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new InstallException("cannot read " + file + ": " + e, e);
    }
    boolean changed = !content.equals(old);
    if (changed) {
      write(content);
    }
    var steps = new ArrayList<Commands.Result>();
    for (var command : startCommands(old != null && changed)) {
      var result = commands.run(command);
      boolean bootout = command.size() > 1 && command.get(1).equals("bootout");
      steps.add(bootout && result.found() ? ok(result) : result);
      if (!steps.getLast().ok()) {
        break;
      }
    }
    return new Outcome(file, changed, steps);
  }

  /**
   * Stops the service, disables it and removes its file; nothing when there is no file. A stop that
   * fails is reported, and the file is removed all the same.
   */
  public Outcome uninstall() {
    if (!Files.exists(file)) {
      return new Outcome(file, false, List.of());
    }
    var steps = new ArrayList<Commands.Result>();
    switch (manager) {
      case SYSTEMD ->
          steps.add(commands.run(List.of("systemctl", "--user", "disable", "--now", UNIT)));
      case LAUNCHD ->
          steps.add(commands.run(List.of("launchctl", "bootout", domain + "/" + LABEL)));
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new InstallException("cannot remove " + file + ": " + e, e);
    }
    if (manager == Manager.SYSTEMD && steps.getFirst().found()) {
      steps.add(commands.run(List.of("systemctl", "--user", "daemon-reload")));
    }
    return new Outcome(file, true, steps);
  }

  private static Commands.Result ok(Commands.Result result) {
    return new Commands.Result(result.command(), true, 0, result.output());
  }

  private void write(String content) {
    var dir =
        java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's folder");
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new InstallException("cannot write " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }

  private static String unit(Spec spec) {
    var out = new StringBuilder();
    out.append("# Written by `flightlog install --service`; `flightlog uninstall` removes it.\n");
    out.append("[Unit]\n");
    out.append("Description=flightlog daemon: records what AI coding agents do\n\n");
    out.append("[Service]\n");
    out.append("Type=simple\n");
    for (Map.Entry<String, String> variable : spec.environment().entrySet()) {
      out.append("Environment=")
          .append(systemdWord(variable.getKey() + "=" + variable.getValue()))
          .append('\n');
    }
    out.append("ExecStart=");
    for (int i = 0; i < spec.command().size(); i++) {
      out.append(i == 0 ? "" : " ").append(systemdWord(spec.command().get(i)));
    }
    out.append('\n');
    out.append("Restart=on-failure\n");
    out.append("RestartSec=2\n\n");
    out.append("[Install]\n");
    out.append("WantedBy=default.target\n");
    return out.toString();
  }

  /** One word of a systemd command line or assignment, quoted where needed. */
  static String systemdWord(String word) {
    var escaped = word.replace("%", "%%").replace("$", "$$");
    if (!escaped.isEmpty() && escaped.chars().noneMatch(c -> " \t\"'\\;".indexOf(c) >= 0)) {
      return escaped;
    }
    return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String plist(Spec spec) {
    var out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
            + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
    out.append(
        "<!-- Written by `flightlog install --service`; `flightlog uninstall` removes it."
            + " -->\n");
    out.append("<plist version=\"1.0\">\n<dict>\n");
    out.append("  <key>Label</key>\n  <string>").append(LABEL).append("</string>\n");
    out.append("  <key>ProgramArguments</key>\n  <array>\n");
    for (var arg : spec.command()) {
      out.append("    <string>").append(xml(arg)).append("</string>\n");
    }
    out.append("  </array>\n");
    out.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
    for (var variable : spec.environment().entrySet()) {
      out.append("    <key>").append(xml(variable.getKey())).append("</key>\n");
      out.append("    <string>").append(xml(variable.getValue())).append("</string>\n");
    }
    out.append("  </dict>\n");
    out.append("  <key>RunAtLoad</key>\n  <true/>\n");
    // Restarted when it exits with a failure; a clean exit (e.g. after uninstall) stays down.
    out.append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n");
    out.append("  </dict>\n");
    out.append("  <key>StandardOutPath</key>\n  <string>")
        .append(xml(spec.log().toString()))
        .append("</string>\n");
    out.append("  <key>StandardErrorPath</key>\n  <string>")
        .append(xml(spec.log().toString()))
        .append("</string>\n");
    out.append("</dict>\n</plist>\n");
    return out.toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The user's numeric id, as owner of the home directory (launchd's domain is gui/UID). */
  private static String uid(Path userHome) {
    try {
      return String.valueOf(Files.getAttribute(userHome, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new InstallException(
          "cannot tell the user id from "
              + userHome
              + " ("
              + e
              + "); start the daemon yourself"
              + " with: flightlog serve",
          e);
    }
  }
}
