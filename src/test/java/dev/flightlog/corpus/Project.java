package dev.flightlog.corpus;

/**
 * A working directory sessions run in, the branch checked out there and the hook command its
 * settings register (empty: no hooks). Claude Code stores the project's transcripts under {@code
 * projects/<encoded cwd>}, the cwd with every character other than a letter or digit replaced by
 * {@code -}.
 */
record Project(String cwd, String gitBranch, String hookCommand) {
  Project {
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("cwd must be absolute: " + cwd);
    }
  }

  String encodedCwd() {
    var out = new StringBuilder(cwd.length());
    for (int i = 0; i < cwd.length(); i++) {
      char c = cwd.charAt(i);
      out.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
    }
    return out.toString();
  }
}
