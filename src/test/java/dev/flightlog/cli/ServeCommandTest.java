package dev.flightlog.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.SqlRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flightlog serve} as users run it: a real process, stopped by real signals. The first
 * SIGTERM or SIGINT stops it gracefully (exit 0, the database whole); a second one ends it at once.
 */
class ServeCommandTest {

  private static final String SESSION = "11111111-2222-3333-4444-555555555555";
  private static final Duration START = Duration.ofSeconds(60);

  private static String prompt(String id) {
    return """
        {"parentUuid":null,"isSidechain":false,"promptId":"%2$s","type":"user","message":{"role":"user","content":"hello"},"uuid":"u-%2$s","timestamp":"2026-11-01T10:00:00.000Z","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
        """
        .formatted(SESSION, id);
  }

  @TempDir Path dir;
  private Path claude;
  private Path transcript;
  private Path home;
  private Path db;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void layout() throws IOException {
    claude = dir.resolve("claude");
    transcript = claude.resolve("projects/-home-dev-project/" + SESSION + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.writeString(transcript, prompt("p1"), UTF_8);
    home = dir.resolve("home");
    db = home.resolve("flightlog.db");
  }

  @AfterEach
  void killLeftovers() {
    for (var process : processes) {
      process.destroyForcibly();
    }
  }

  /** A running {@code flightlog serve} and what it has printed so far. */
  private record Serve(
      Process process,
      LinkedBlockingQueue<String> out,
      ConcurrentLinkedQueue<String> errLines,
      List<Thread> pumps) {
    String err() {
      return String.join("\n", errLines);
    }

    String awaitLine() throws InterruptedException {
      var line = out.poll(START.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no line on stdout in " + START + "; stderr: " + err());
      }
      return line;
    }

    void signal(String name) throws Exception {
      var kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      assertThat(kill.waitFor()).isZero();
    }

    int awaitExit(Duration within) throws InterruptedException {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + within + "; stderr: " + err());
      }
      for (var pump : pumps) {
        pump.join(); // everything it printed is read
      }
      return process.exitValue();
    }
  }

  private Serve serve(String... args) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command);
    builder.environment().remove("FLIGHTLOG_DB");
    builder.environment().put("FLIGHTLOG_HOME", home.toString());
    builder.environment().put("CLAUDE_CONFIG_DIR", claude.toString());
    var process = builder.start();
    processes.add(process);
    var out = new LinkedBlockingQueue<String>();
    var err = new ConcurrentLinkedQueue<String>();
    var pumps =
        List.of(pump(process.getInputStream(), out::add), pump(process.getErrorStream(), err::add));
    return new Serve(process, out, err, pumps);
  }

  private static Thread pump(InputStream stream, java.util.function.Consumer<String> sink) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (var reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  private void awaitRows(String sql, String... expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(db) && SqlRows.of(db, sql).equals(List.of(expected))) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(SqlRows.of(db, sql)).containsExactly(expected);
  }

  @Test
  void followsTranscriptsUntilSigtermThenStopsGracefullyWithExitZero() throws Exception {
    var serve = serve("--addr", "127.0.0.1:0", "--scan-interval", "100");
    assertThat(serve.awaitLine())
        .matches(
            "flightlog serve: capturing on http://127\\.0\\.0\\.1:[1-9][0-9]* — database "
                + java.util.regex.Pattern.quote(
                    db + ", transcripts under " + claude.resolve("projects")));
    awaitRows("SELECT prompt_id FROM prompts", "p1");
    Files.writeString(transcript, prompt("p2"), UTF_8, StandardOpenOption.APPEND);
    awaitRows("SELECT prompt_id FROM prompts ORDER BY 1", "p1", "p2");

    serve.signal("TERM");
    assertThat(serve.awaitExit(Duration.ofSeconds(30))).as(serve.err()).isZero();
    assertThat(serve.err())
        .contains("INFO stopping… (signal again to exit at once)", "INFO stopped after");
    assertThat(SqlRows.of(db, "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(SqlRows.of(db, "SELECT offset FROM file_positions"))
        .containsExactly(String.valueOf(Files.size(transcript)));
    assertThat(home.resolve("flightlog.db.serve.lock")).exists();
  }

  @Test
  void aSecondSignalEndsItAtOnceWhileTheGracefulStopWaits() throws Exception {
    var serve = serve("--addr", "127.0.0.1:0", "--scan-interval", "100");
    serve.awaitLine();
    awaitRows("SELECT prompt_id FROM prompts", "p1");
    // Another process holds the database's write lock, so the daemon's next write waits (up to
    // SQLite's busy timeout of 10 s), and so does its graceful stop, which commits what was read.
    try (var blocker = DriverManager.getConnection("jdbc:sqlite:" + db);
        var statement = blocker.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      Files.writeString(transcript, prompt("p2"), UTF_8, StandardOpenOption.APPEND);
      Thread.sleep(500);
      serve.signal("INT");
      Thread.sleep(300);
      long signalled = System.nanoTime();
      serve.signal("INT");
      assertThat(serve.awaitExit(Duration.ofSeconds(5))).isEqualTo(128 + 2);
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(3));
      statement.execute("ROLLBACK");
    }
    assertThat(serve.err()).contains("second signal: exiting at once");
    // Halted mid-way, the database is still whole: SQLite commits atomically.
    assertThat(SqlRows.of(db, "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(SqlRows.of(db, "SELECT prompt_id FROM prompts")).containsExactly("p1");
  }

  @Test
  void aSecondServeOnTheSameDatabaseIsRefused() throws Exception {
    var first = serve("--addr", "127.0.0.1:0");
    first.awaitLine();
    var second = serve("--addr", "127.0.0.1:0");
    assertThat(second.awaitExit(START)).isEqualTo(1);
    assertThat(second.err())
        .contains(
            "flightlog: another flightlog serve (pid "
                + first.process().pid()
                + ") is already recording into "
                + db
                + "; stop it first, or give this one another --db");
    first.signal("INT");
    assertThat(first.awaitExit(Duration.ofSeconds(30))).isZero();
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment =
        new Environment(
            Map.of("FLIGHTLOG_HOME", home.toString(), "CLAUDE_CONFIG_DIR", claude.toString()),
            dir.resolve("user"),
            "Linux",
            false);
    int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void badOptionValuesAreUsageErrorsThatSayWhatIsAllowed() {
    var port = run("serve", "--addr", "127.0.0.1:99999");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).startsWith("--addr: port must be 0 to 65535, not 99999\n");
    assertThat(run("serve", "--addr", "4780").err())
        .startsWith("--addr: address '4780' is not HOST:PORT (e.g. 127.0.0.1:4780)\n");
    var scan = run("serve", "--scan-interval", "5");
    assertThat(scan.code()).isEqualTo(2);
    assertThat(scan.err()).startsWith("--scan-interval must be between 100 and 3600000 ms, was 5");
    // Nothing was started: no database, no data directory.
    assertThat(home).doesNotExist();
  }

  private Path secret(String name, String content, String mode) throws IOException {
    var file = Files.writeString(dir.resolve(name), content, UTF_8);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void anAddressOtherThanLoopbackNeedsATokenAndTlsOrItIsRefusedWithExitTwo() throws Exception {
    var token = secret("token", "0123456789abcdef0123456789abcdef\n", "rw-------");
    var password = secret("password", "pw", "rw-------");
    var neither = run("serve", "--addr", "0.0.0.0:4780");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err())
        .startsWith(
            "--addr 0.0.0.0:4780 is not a loopback address; listening there needs an access token"
                + " (--token-file FILE) and TLS (--tls-keystore FILE.p12 with --tls-password-file"
                + " FILE, or --behind-tls-proxy when a TLS-terminating proxy is in front)\n");
    var noTls = run("serve", "--addr", "0.0.0.0:4780", "--token-file", token.toString());
    assertThat(noTls.code()).isEqualTo(2);
    assertThat(noTls.err())
        .startsWith(
            "--addr 0.0.0.0:4780 is not a loopback address; listening there needs TLS"
                + " (--tls-keystore FILE.p12 with --tls-password-file FILE, or --behind-tls-proxy"
                + " when a TLS-terminating proxy is in front)\n");
    var noToken = run("serve", "--addr", "0.0.0.0:4780", "--behind-tls-proxy");
    assertThat(noToken.code()).isEqualTo(2);
    assertThat(noToken.err())
        .startsWith(
            "--behind-tls-proxy needs --token-file: the proxy makes the daemon reachable by"
                + " others\n");
    var half = run("serve", "--tls-keystore", dir.resolve("k.p12").toString());
    assertThat(half.err())
        .startsWith("--tls-keystore and --tls-password-file go together: give both or neither\n");
    var both =
        run(
            "serve",
            "--tls-keystore",
            dir.resolve("k.p12").toString(),
            "--tls-password-file",
            password.toString(),
            "--behind-tls-proxy",
            "--token-file",
            token.toString());
    assertThat(both.err())
        .startsWith(
            "--tls-keystore and --behind-tls-proxy exclude each other: TLS is served here or by"
                + " the proxy in front\n");
    var missingStore =
        run(
            "serve",
            "--addr",
            "0.0.0.0:4780",
            "--token-file",
            token.toString(),
            "--tls-keystore",
            dir.resolve("k.p12").toString(),
            "--tls-password-file",
            password.toString());
    assertThat(missingStore.code()).isEqualTo(2);
    assertThat(missingStore.err())
        .startsWith(
            "--tls-keystore: the TLS key store " + dir.resolve("k.p12") + " does not exist\n");
    // Nothing was started: no database, no data directory.
    assertThat(home).doesNotExist();
  }

  @Test
  void aTokenFileMustBePrivateAndTheTokenLongEnough() throws Exception {
    var open = secret("open-token", "0123456789abcdef0123456789abcdef", "rw-r--r--");
    var refused = run("serve", "--token-file", open.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .startsWith(
            "--token-file: the token file "
                + open
                + " is open to other users (rw-r--r--); make it private with: chmod 600 "
                + open
                + "\n");
    var shortToken = secret("short-token", "  too-short  \n", "rw-------");
    assertThat(run("serve", "--token-file", shortToken.toString()).err())
        .startsWith(
            "--token-file: the access token has 9 characters; it needs at least 32 (e.g. from:"
                + " openssl rand -hex 32)\n");
    var missing = run("serve", "--token-file", dir.resolve("nope").toString());
    assertThat(missing.err())
        .startsWith("--token-file: the token file " + dir.resolve("nope") + " does not exist\n");
    var badHost =
        run(
            "serve",
            "--token-file",
            secret("token", "0123456789abcdef0123456789abcdef", "rw-------").toString(),
            "--public-host",
            "https://x.example/");
    assertThat(badHost.err())
        .startsWith(
            "--public-host: public host 'https://x.example/' is not NAME or NAME:PORT as browsers"
                + " send it in the Host header (e.g. flightlog.example.com or"
                + " flightlog.example.com:8443)\n");
    assertThat(home).doesNotExist();
  }

  @Test
  void helpSaysWhatServeDoes() {
    var help = run("serve", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains(
            "Run the flightlog daemon",
            "--addr=HOST:PORT",
            "--scan-interval=MS",
            "--no-backfill",
            "--token-file=FILE",
            "--tls-keystore=FILE",
            "--tls-password-file=FILE",
            "--behind-tls-proxy",
            "--public-host=NAME[:PORT]",
            "2 bad\ncommand line or an unsafe one");
  }
}
