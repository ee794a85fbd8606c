package dev.flightlog.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The process environment as flightlog reads it: the variables it honours and the platform's
 * directories. Tests construct one from a map instead of the real environment.
 */
record Environment(
    Map<String, String> variables, Path userHome, String osName, boolean interactive) {

  static Environment system() {
    // $HOME first, as Claude Code (Node's os.homedir()) reads it; the JVM's user.home comes from
    // the password database and ignores a HOME set for a scratch or sandboxed run.
    var home = System.getenv("HOME");
    return new Environment(
        System.getenv(),
        Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")),
        System.getProperty("os.name"),
        terminal());
  }

  /**
   * Whether the process talks to a terminal. Since JDK 22 {@code System.console()} is not null when
   * streams are redirected, and {@code Console.isTerminal()} (JDK 22+) says; flightlog is compiled
   * for Java 21, so that method is looked up when the runtime has it.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() decides on JDK 22 and newer
  private static boolean terminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      var isTerminal =
          java.lang.invoke.MethodHandles.publicLookup()
              .findVirtual(
                  java.io.Console.class,
                  "isTerminal",
                  java.lang.invoke.MethodType.methodType(boolean.class));
      return (boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  @Nullable String get(String name) {
    var value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The data directory: {@code FLIGHTLOG_HOME}, else the platform's per-user data directory ({@code
   * $XDG_DATA_HOME/flightlog} or {@code ~/.local/share/flightlog} on Linux and other Unixes, {@code
   * ~/Library/Application Support/flightlog} on macOS, {@code %LOCALAPPDATA%} on Windows).
   */
  Path dataHome() {
    var explicit = get("FLIGHTLOG_HOME");
    if (explicit != null) {
      return Path.of(explicit);
    }
    var os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return userHome.resolve("Library/Application Support/flightlog");
    }
    if (os.contains("win")) {
      var local = get("LOCALAPPDATA");
      return local != null
          ? Path.of(local, "flightlog")
          : userHome.resolve("AppData/Local/flightlog");
    }
    var xdg = get("XDG_DATA_HOME");
    return xdg != null ? Path.of(xdg, "flightlog") : userHome.resolve(".local/share/flightlog");
  }

  /**
   * Claude Code's configuration directories: {@code CLAUDE_CONFIG_DIR} (a comma-separated list is
   * accepted), else {@code ~/.claude} and {@code ~/.config/claude}.
   */
  java.util.List<Path> claudeConfigDirs() {
    var explicit = get("CLAUDE_CONFIG_DIR");
    if (explicit != null) {
      return java.util.Arrays.stream(explicit.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(Path::of)
          .toList();
    }
    return java.util.List.of(userHome.resolve(".claude"), userHome.resolve(".config/claude"));
  }
}
