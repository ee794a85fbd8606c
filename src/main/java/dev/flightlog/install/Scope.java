package dev.flightlog.install;

import java.nio.file.Path;

/** Which of Claude Code's settings files flightlog edits. */
public enum Scope {
  /** The user's settings: every project of this user. */
  USER,
  /** The project's shared settings, usually committed with it. */
  PROJECT,
  /** The project's settings for this user only, usually ignored by git. */
  LOCAL;

  /**
   * The settings file of this scope.
   *
   * @param claudeConfigDir Claude Code's configuration folder ({@code CLAUDE_CONFIG_DIR} or {@code
   *     ~/.claude})
   * @param projectDir the project's folder
   */
  public Path settingsFile(Path claudeConfigDir, Path projectDir) {
    return switch (this) {
      case USER -> claudeConfigDir.resolve("settings.json");
      case PROJECT -> projectDir.resolve(".claude").resolve("settings.json");
      case LOCAL -> projectDir.resolve(".claude").resolve("settings.local.json");
    };
  }
}
