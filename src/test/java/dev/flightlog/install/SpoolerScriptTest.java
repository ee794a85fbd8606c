package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.spool.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spooler script, run by real shells (dash as /bin/sh, and bash in POSIX mode) with real
 * payloads on stdin, read back through {@link Spool}.
 */
class SpoolerScriptTest {

  @TempDir Path dir;

  /** The shells the script must work under, as argument-vector prefixes. */
  static Stream<List<String>> shells() {
    return Stream.of(List.of("dash"), List.of("bash", "--posix"), List.of("/bin/sh"));
  }

  record Run(int code, String out, String err) {}

  private Path script(Path spoolDir) {
    var script = dir.resolve("bin/flightlog-spool");
    Spooler.write(script, spoolDir);
    return script;
  }

  /** Runs {@code argv} with {@code stdin} as standard input and waits for it. */
  private Run run(List<String> argv, byte[] stdin) throws Exception {
    var out = Files.createTempFile(dir, "out", ".txt");
    var err = Files.createTempFile(dir, "err", ".txt");
    var process =
        new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var feeding =
          executor.submit(
              () -> {
                try (var in = process.getOutputStream()) {
                  in.write(stdin);
                } catch (IOException e) {
                  // the script may stop reading (e.g. on a full disk)
                }
                return null;
              });
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
      feeding.get();
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static List<String> with(List<String> shell, Object... more) {
    var argv = new ArrayList<>(shell);
    for (var item : more) {
      argv.add(item.toString());
    }
    return argv;
  }

  private static byte[] randomBytes(int size, long seed) {
    var bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @ParameterizedTest
  @MethodSource("shells")
  void copiesThePayloadByteForByteAsOneReadyFile(List<String> shell) throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var script = script(spoolDir);
    var spool = new Spool(spoolDir);
    var json =
        """
        {"session_id":"s1","hook_event_name":"SessionStart","source":"startup","cwd":"/w ü"}
        """
            .getBytes(StandardCharsets.UTF_8);
    var garbage = randomBytes(70_000, 1); // NUL bytes, invalid UTF-8, no final newline
    var big = randomBytes(2 << 20, 2); // 2 MiB
    var before = Instant.now().minusSeconds(2);
    for (var payload : List.of(json, garbage, big)) {
      var result = run(with(shell, script), payload);
      assertThat(result).isEqualTo(new Run(0, "", ""));
    }
    var ready = spool.ready();
    assertThat(ready).hasSize(3);
    var contents = new ArrayList<byte[]>();
    for (var file : ready) {
      assertThat(file.getFileName().toString()).matches("[0-9]+-0\\.json");
      var entry = spool.read(file, 4 << 20);
      assertThat(entry.oversize()).isFalse();
      assertThat(entry.receivedAt()).isBetween(before, Instant.now().plusSeconds(2));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      contents.add(entry.bytes());
    }
    assertThat(contents).containsExactlyInAnyOrder(json, garbage, big);
    try (var all = Files.list(spoolDir)) {
      assertThat(all).as("no temp file left").hasSize(3);
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void createsAMissingSpoolDirectoryOwnerOnly(List<String> shell) throws Exception {
    var spoolDir = dir.resolve("home/spool");
    var script = Files.writeString(dir.resolve("spool-script"), Spooler.script(spoolDir));
    assertThat(spoolDir.getParent()).doesNotExist();
    var result = run(with(shell, script), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    assertThat(new Spool(spoolDir).ready()).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spoolDir)))
        .isEqualTo("rwx------");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void exitsZeroSilentlyWhenTheSpoolCannotBeCreated(List<String> shell) throws Exception {
    // Root ignores permissions, so the directory is made impossible: its parent is a file.
    var file = Files.writeString(dir.resolve("a-file"), "not a directory");
    var spoolDir = file.resolve("spool");
    var script = Files.writeString(dir.resolve("spool-script"), Spooler.script(spoolDir));
    var result = run(with(shell, script), randomBytes(5000, 3));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void exitsZeroSilentlyAndLeavesNothingOnAFullDisk(List<String> shell) throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var script = script(spoolDir);
    // ulimit -f 0: no file may grow, as on a full disk; cat fails on its first write.
    var wrapper = "ulimit -f 0; exec " + String.join(" ", shell) + " \"$0\"";
    var result = run(List.of("sh", "-c", wrapper, script.toString()), randomBytes(10_000, 4));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    try (var all = Files.list(spoolDir)) {
      assertThat(all).as("neither a ready file nor a temp file").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void anEmptyPayloadLeavesNothing(List<String> shell) throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var result = run(with(shell, script(spoolDir)), new byte[0]);
    assertThat(result).isEqualTo(new Run(0, "", ""));
    try (var all = Files.list(spoolDir)) {
      assertThat(all).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void neverOverwritesALeftoverOfAnEarlierProcessWithTheSamePid(List<String> shell)
      throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var script = script(spoolDir);
    // exec keeps the PID: the wrapper plants leftovers under the name the script will pick first.
    var wrapper =
        "printf old-ready > \"$1/$$-0.json\"; printf old-temp > \"$1/.$$-1.tmp\";"
            + " exec "
            + String.join(" ", shell)
            + " \"$0\"";
    var result =
        run(
            List.of("sh", "-c", wrapper, script.toString(), spoolDir.toString()),
            "new".getBytes(StandardCharsets.UTF_8));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    var ready = new Spool(spoolDir).ready();
    assertThat(ready).hasSize(2);
    var name = ready.getFirst().getFileName().toString();
    var pid = name.substring(0, name.indexOf('-'));
    assertThat(spoolDir.resolve(pid + "-0.json")).hasContent("old-ready");
    assertThat(spoolDir.resolve("." + pid + "-1.tmp")).hasContent("old-temp");
    assertThat(spoolDir.resolve(pid + "-2.json")).hasContent("new");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void neverWritesThroughASymbolicLinkPlantedUnderItsNextNames(List<String> shell)
      throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var script = script(spoolDir);
    var outside = Files.createDirectory(dir.resolve("outside"));
    // exec keeps the PID: dangling links under the first temp and ready names, a link to a
    // directory outside under the next ready name.
    var wrapper =
        "ln -s \"$2/temp\" \"$1/.$$-0.tmp\"; ln -s \"$2/ready\" \"$1/$$-1.json\";"
            + " ln -s \"$2\" \"$1/$$-2.json\"; exec "
            + String.join(" ", shell)
            + " \"$0\"";
    var result =
        run(
            List.of(
                "sh", "-c", wrapper, script.toString(), spoolDir.toString(), outside.toString()),
            "new".getBytes(StandardCharsets.UTF_8));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    try (var written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
    var ready = new Spool(spoolDir).ready();
    assertThat(ready).hasSize(1);
    var name = ready.getFirst().getFileName().toString();
    var pid = name.substring(0, name.indexOf('-'));
    assertThat(ready.getFirst()).isEqualTo(spoolDir.resolve(pid + "-3.json")).hasContent("new");
    assertThat(spoolDir.resolve("." + pid + "-0.tmp")).isSymbolicLink();
  }

  @Test
  void fiftyConcurrentWritersLeaveFiftyDistinctFiles() throws Exception {
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var script = script(spoolDir);
    var payloads = new ArrayList<String>();
    for (int i = 0; i < 50; i++) {
      payloads.add("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 997) + "\"}");
    }
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var runs = new ArrayList<Future<Run>>();
      for (var payload : payloads) {
        runs.add(
            executor.submit(
                () -> run(List.of(script.toString()), payload.getBytes(StandardCharsets.UTF_8))));
      }
      for (var run : runs) {
        assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(new Run(0, "", ""));
      }
    }
    var spool = new Spool(spoolDir);
    var seen = new HashSet<String>();
    for (var file : spool.ready()) {
      seen.add(new String(spool.read(file, 1 << 20).bytes(), StandardCharsets.UTF_8));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(payloads);
    assertThat(spool.backlog()).isEqualTo(50);
  }

  @Test
  void aSpoolPathWithSpacesAndQuotesIsOneShellWord() throws Exception {
    var spoolDir = dir.resolve("it's a \"spool\" $HOME");
    var script = script(spoolDir);
    assertThat(Spooler.command(script)).isEqualTo(script.toString());
    var result = run(List.of(script.toString()), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(result).isEqualTo(new Run(0, "", ""));
    assertThat(new Spool(spoolDir).ready()).hasSize(1);
    assertThat(Spooler.quote("/a b/it's")).isEqualTo("'/a b/it'\\''s'");
  }

  @Test
  void theScriptIsOwnerExecutableAndNamesItsSpool() throws IOException {
    var spoolDir = dir.resolve("spool");
    var script = script(spoolDir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script)))
        .isEqualTo("rwx------");
    assertThat(Files.readString(script))
        .startsWith("#!/bin/sh\n")
        .contains("\nd=" + spoolDir + "\n")
        .endsWith("exit 0\n");
  }
}
