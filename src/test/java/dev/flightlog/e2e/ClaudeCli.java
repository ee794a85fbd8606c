package dev.flightlog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Claude Code CLI, pinned to the version in {@code .ci/claude-code.version}, run headless
 * ({@code claude -p PROMPT --output-format json}) in a {@link Workspace} against a model server on
 * loopback, with a minimal environment.
 *
 * <p>Where the CLI is looked for: {@code $FLIGHTLOG_CLAUDE} (the path of the {@code claude}
 * executable), else {@code .ci/cache/claude-cli/node_modules/.bin/claude} (where {@code .ci/run}
 * installs it), else {@code target/claude-cli/node_modules/.bin/claude}. When none is there the
 * calling test is skipped with a message saying how to install it, and fails under {@code CI=true},
 * where a skipped test would hide a broken CI set-up. A CLI of another version than the pinned one
 * always fails: the tests' expectations are facts about that version.
 */
public final class ClaudeCli {

  /** The file that pins the version, read by {@code .ci/run} and by this class. */
  public static final Path VERSION_FILE = Path.of(".ci/claude-code.version");

  /** Where the CLI is looked for when {@code FLIGHTLOG_CLAUDE} is not set, in order. */
  static final List<Path> DEFAULT_LOCATIONS =
      List.of(
          Path.of(".ci/cache/claude-cli/node_modules/.bin/claude"),
          Path.of("target/claude-cli/node_modules/.bin/claude"));

  /** How long one run may take before its process tree is killed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

  /** Numbers the output files of runs (unique in this JVM, so runs may share a workspace). */
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path executable;

  private ClaudeCli(Path executable) {
    this.executable = executable;
  }

  /** The pinned version, e.g. {@code 2.1.328}. */
  public static String pinnedVersion() {
    try {
      var version = Files.readString(VERSION_FILE, StandardCharsets.UTF_8).strip();
      if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
        throw new IllegalStateException(
            VERSION_FILE.toAbsolutePath() + " must hold one version like 2.1.328, not: " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the pinned Claude Code version from "
              + VERSION_FILE.toAbsolutePath()
              + " (run the tests from the repository's root)",
          e);
    }
  }

  /**
   * The CLI to test with; skips the calling test when it is not installed (fails under CI) and
   * fails when it is not the pinned version.
   */
  public static ClaudeCli require() {
    var version = pinnedVersion();
    var install =
        "npm install --no-audit --no-fund --prefix .ci/cache/claude-cli @anthropic-ai/claude-code@"
            + version;
    var configured = System.getenv("FLIGHTLOG_CLAUDE");
    Path executable = null;
    if (configured != null && !configured.isBlank()) {
      executable = Path.of(configured);
      if (!Files.isExecutable(executable)) {
        Assertions.fail(
            "FLIGHTLOG_CLAUDE="
                + configured
                + " is not an executable file; install with: "
                + install);
      }
    } else {
      executable = DEFAULT_LOCATIONS.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
    if (executable == null) {
      var message =
          "Claude Code "
              + version
              + " is not installed, so the end-to-end tests that drive it cannot run. Install it"
              + " with `"
              + install
              + "` (or set FLIGHTLOG_CLAUDE to a claude executable of that version); .ci/run does"
              + " this in CI. Looked in "
              + DEFAULT_LOCATIONS;
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
      throw new AssertionError("unreachable");
    }
    var found = VERSIONS.computeIfAbsent(executable.toAbsolutePath(), ClaudeCli::versionOf);
    if (!found.equals(version)) {
      Assertions.fail(
          executable
              + " is Claude Code "
              + found
              + " but the tests are pinned to "
              + version
              + " ("
              + VERSION_FILE
              + "); install the pinned one with: "
              + install);
    }
    return new ClaudeCli(executable.toAbsolutePath());
  }

  private static String versionOf(Path executable) {
    try {
      var process =
          new ProcessBuilder(executable.toString(), "--version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      // "2.1.328 (Claude Code)"
      var first = out.strip().split("\\s+", 2)[0];
      return first.isEmpty() ? "(no version printed: " + out.strip() + ")" : first;
    } catch (IOException e) {
      return "(cannot run: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  public Path executable() {
    return executable;
  }

  /**
   * One scratch world for runs of the CLI: its own {@code HOME}, {@code TMPDIR} and project
   * directory (the CLI's working directory) under {@code root}.
   *
   * @param baseUrl the model server, given to the CLI as {@code ANTHROPIC_BASE_URL}
   * @param configDir where the CLI keeps its configuration: null for {@code $HOME/.claude}, else a
   *     directory given to it as {@code CLAUDE_CONFIG_DIR}
   */
  public record Workspace(
      Path root, Path home, Path tmp, Path project, @Nullable Path configDir, String baseUrl) {

    /** Creates the directories under {@code root}. */
    public static Workspace create(Path root, String baseUrl) {
      return create(root, baseUrl, false);
    }

    /**
     * Creates the directories under {@code root}; with {@code useConfigDir} the CLI is pointed at
     * {@code root/claude-config} through {@code CLAUDE_CONFIG_DIR} instead of {@code
     * $HOME/.claude}.
     */
    public static Workspace create(Path root, String baseUrl, boolean useConfigDir) {
      try {
        var home = Files.createDirectories(root.resolve("home"));
        var tmp = Files.createDirectories(root.resolve("tmp"));
        var project = Files.createDirectories(root.resolve("project"));
        var configDir =
            useConfigDir ? Files.createDirectories(root.resolve("claude-config")) : null;
        return new Workspace(
            root.toRealPath(),
            home.toRealPath(),
            tmp.toRealPath(),
            project.toRealPath(),
            configDir == null ? null : configDir.toRealPath(),
            baseUrl);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a workspace under " + root, e);
      }
    }

    /** The CLI's configuration directory: settings, transcripts. */
    public Path claudeDir() {
      return configDir != null ? configDir : home.resolve(".claude");
    }

    /** Where the CLI writes transcripts, one folder per project. */
    public Path projectsDir() {
      return claudeDir().resolve("projects");
    }

    public Path settingsFile() {
      return claudeDir().resolve("settings.json");
    }

    /** Writes the user settings the CLI reads (where {@code flightlog install} writes hooks). */
    public void writeSettings(String json) {
      if (!(Json.parse(json) instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("settings must be a JSON object: " + json);
      }
      try {
        Files.createDirectories(claudeDir());
        Files.writeString(settingsFile(), json, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The user settings as they are now; an empty object when there is no settings file. */
    public Map<String, Object> settings() {
      if (!Files.exists(settingsFile())) {
        return new LinkedHashMap<>();
      }
      try {
        return new LinkedHashMap<>(
            Json.object(Files.readString(settingsFile(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes a file into the project directory and returns its path. */
    public Path projectFile(String name, String content) {
      try {
        var file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * One command line: the prompt, the tools allowed and disallowed, extra environment variables and
   * arguments (e.g. {@code --resume ID}), and the time limit.
   */
  public record Invocation(
      String prompt,
      List<String> allowedTools,
      List<String> disallowedTools,
      Map<String, String> environment,
      List<String> arguments,
      Duration timeout) {

    public Invocation {
      allowedTools = List.copyOf(allowedTools);
      disallowedTools = List.copyOf(disallowedTools);
      environment = Map.copyOf(environment);
      arguments = List.copyOf(arguments);
      if (prompt.isBlank() || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("an invocation needs a prompt and a positive timeout");
      }
    }

    /** {@code claude -p prompt} with no tools allowed, nothing extra and the default timeout. */
    public static Invocation prompt(String prompt) {
      return new Invocation(prompt, List.of(), List.of(), Map.of(), List.of(), DEFAULT_TIMEOUT);
    }

    /** {@code --allowedTools} (comma-joined). */
    public Invocation allow(String... tools) {
      return new Invocation(
          prompt, List.of(tools), disallowedTools, environment, arguments, timeout);
    }

    /** {@code --disallowedTools} (comma-joined). */
    public Invocation disallow(String... tools) {
      return new Invocation(prompt, allowedTools, List.of(tools), environment, arguments, timeout);
    }

    /** One more environment variable for the CLI (overrides the defaults of the same name). */
    public Invocation env(String name, String value) {
      var more = new LinkedHashMap<>(environment);
      more.put(name, value);
      return new Invocation(prompt, allowedTools, disallowedTools, more, arguments, timeout);
    }

    /** More command-line arguments after the standard ones. */
    public Invocation args(String... more) {
      var all = new ArrayList<>(arguments);
      all.addAll(List.of(more));
      return new Invocation(prompt, allowedTools, disallowedTools, environment, all, timeout);
    }

    public Invocation timeout(Duration limit) {
      return new Invocation(prompt, allowedTools, disallowedTools, environment, arguments, limit);
    }
  }

  /** The command line this invocation runs. */
  List<String> command(Invocation invocation) {
    var command = new ArrayList<String>();
    command.add(executable.toString());
    command.addAll(List.of("-p", invocation.prompt(), "--output-format", "json"));
    if (!invocation.allowedTools().isEmpty()) {
      command.addAll(List.of("--allowedTools", String.join(",", invocation.allowedTools())));
    }
    if (!invocation.disallowedTools().isEmpty()) {
      command.addAll(List.of("--disallowedTools", String.join(",", invocation.disallowedTools())));
    }
    command.addAll(invocation.arguments());
    return command;
  }

  /**
   * The whole environment of a run: PATH and LANG from this process, HOME and TMPDIR from the
   * workspace, the model server, a fake API key, no telemetry, error reporting or auto-update
   * traffic, then the invocation's own variables.
   */
  static Map<String, String> environment(Workspace workspace, Invocation invocation) {
    var env = new LinkedHashMap<String, String>();
    var path = System.getenv("PATH");
    env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    env.put("HOME", workspace.home().toString());
    env.put("TMPDIR", workspace.tmp().toString());
    var lang = System.getenv("LANG");
    env.put("LANG", lang == null || lang.isBlank() ? "C.UTF-8" : lang);
    env.put("ANTHROPIC_BASE_URL", workspace.baseUrl());
    env.put("ANTHROPIC_API_KEY", "sk-ant-api03-fake-flightlog-e2e-key-0000000000000000000000AA");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    if (workspace.configDir() != null) {
      env.put("CLAUDE_CONFIG_DIR", workspace.configDir().toString());
    }
    env.putAll(invocation.environment());
    return env;
  }

  /** A run that was started and has not been waited for. */
  public static final class Running {
    private final Process process;
    private final Workspace workspace;
    private final Invocation invocation;
    private final Path stdout;
    private final Path stderr;
    private final long startNanos;

    private Running(
        Process process,
        Workspace workspace,
        Invocation invocation,
        Path stdout,
        Path stderr,
        long startNanos) {
      this.process = process;
      this.workspace = workspace;
      this.invocation = invocation;
      this.stdout = stdout;
      this.stderr = stderr;
      this.startNanos = startNanos;
    }

    public long pid() {
      return process.pid();
    }

    /**
     * Waits for the CLI to exit. Past the invocation's timeout the whole process tree is killed and
     * the test fails with what the CLI printed.
     */
    public ClaudeRun await() {
      try {
        boolean exited = process.waitFor(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
          killTree(process.toHandle());
          process.waitFor(10, TimeUnit.SECONDS);
        }
        var elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        var out = Files.readString(stdout, StandardCharsets.UTF_8);
        var err = Files.readString(stderr, StandardCharsets.UTF_8);
        if (!exited) {
          throw new AssertionError(
              "claude did not finish within "
                  + invocation.timeout().toSeconds()
                  + " s and was killed with its child processes\nstdout: "
                  + out
                  + "\nstderr: "
                  + err);
        }
        return new ClaudeRun(process.exitValue(), out, err, elapsed, workspace);
      } catch (InterruptedException e) {
        killTree(process.toHandle());
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for claude", e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void killTree(ProcessHandle root) {
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  /** Starts the CLI; its output goes to numbered files in {@code workspace.root()/runs}. */
  public Running start(Workspace workspace, Invocation invocation) {
    try {
      var runsDir = Files.createDirectories(workspace.root().resolve("runs"));
      int n = RUNS.incrementAndGet();
      var stdout = runsDir.resolve(n + ".stdout");
      var stderr = runsDir.resolve(n + ".stderr");
      var builder =
          new ProcessBuilder(command(invocation))
              .directory(workspace.project().toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment(workspace, invocation));
      long startNanos = System.nanoTime();
      return new Running(builder.start(), workspace, invocation, stdout, stderr, startNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable, e);
    }
  }

  /** Runs the CLI to its end (see {@link Running#await()}). */
  public ClaudeRun run(Workspace workspace, Invocation invocation) {
    return start(workspace, invocation).await();
  }
}
