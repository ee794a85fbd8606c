package dev.flightlog.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private Path file(String name, String content, int secondsAfterT0) throws Exception {
    var file = Files.writeString(dir.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(secondsAfterT0)));
    return file;
  }

  @Test
  void readyFilesComeOldestFirstAndOnlyReadyFilesCount() throws Exception {
    var spool = new Spool(dir);
    file("300-0.json", "c", 30);
    file("100-0.json", "a", 10);
    file("200-1.json", "b2", 20);
    file("200-0.json", "b1", 20); // same time: by name
    file(".400-0.tmp", "being written", 5);
    file(".hidden.json", "hidden", 5);
    file("notes.txt", "not a payload", 5);
    file(".json", "no name", 5);
    Files.createDirectory(dir.resolve("sub.json"));
    assertThat(spool.ready())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("100-0.json", "200-0.json", "200-1.json", "300-0.json");
    assertThat(spool.backlog()).isEqualTo(4);
  }

  @Test
  void symbolicLinksAreNeverFollowed() throws Exception {
    var outside = Files.writeString(dir.resolveSibling(dir.getFileName() + "-secret"), "secret");
    var spoolDir = Files.createDirectory(dir.resolve("spool"));
    var link = Files.createSymbolicLink(spoolDir.resolve("1-0.json"), outside);
    var spool = new Spool(spoolDir);
    assertThat(spool.ready()).isEmpty();
    assertThatThrownBy(() -> spool.read(link, 100))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot read the spool file " + link);
    assertThatThrownBy(() -> spool.read(outside, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(outside + " is not a ready file of the spool " + spoolDir);
    spool.remove(link); // removes the link, not its target
    assertThat(outside).hasContent("secret");
    Files.delete(outside);
  }

  @Test
  void readGivesBytesReceiptTimeAndFlagsOversize() throws Exception {
    var spool = new Spool(dir);
    var small = file("1-0.json", "{\"a\":1}", 7);
    var entry = spool.read(small, 100);
    assertThat(new String(entry.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(entry.receivedAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(entry.size()).isEqualTo(7);
    assertThat(entry.oversize()).isFalse();
    assertThat(entry.file()).isEqualTo(small);

    var big = file("2-0.json", "0123456789", 8);
    var cut = spool.read(big, 4);
    assertThat(new String(cut.bytes(), StandardCharsets.UTF_8)).isEqualTo("0123");
    assertThat(cut.size()).isEqualTo(10);
    assertThat(cut.oversize()).isTrue();
  }

  @Test
  void removeTakesAFileOutAndToleratesOneAlreadyGone() throws Exception {
    var spool = new Spool(dir);
    var file = file("1-0.json", "x", 1);
    spool.remove(file);
    spool.remove(file);
    assertThat(spool.ready()).isEmpty();
    assertThat(new Spool(dir.resolve("missing")).ready()).isEmpty();
  }

  @Test
  void writeLeavesTheExactBytesAsAReadyOwnerOnlyFile() throws Exception {
    var spoolDir = dir.resolve("home/spool");
    var spool = new Spool(spoolDir);
    var payload = new byte[] {0, (byte) 0xff, '{', '}', '\n'};
    var before = Instant.now().minusSeconds(2);
    assertThat(spool.write(payload)).isTrue();
    var ready = spool.ready();
    assertThat(ready).hasSize(1);
    assertThat(ready.getFirst().getFileName().toString())
        .matches("j" + ProcessHandle.current().pid() + "-[0-9]+-1\\.json");
    var entry = spool.read(ready.getFirst(), 100);
    assertThat(entry.bytes()).isEqualTo(payload);
    assertThat(entry.receivedAt()).isAfter(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spoolDir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ready.getFirst())))
        .isEqualTo("rw-------");
    try (var all = Files.list(spoolDir)) {
      assertThat(all).as("no temp file left").hasSize(1);
    }
  }

  @Test
  void concurrentWritesNeverCollide() throws Exception {
    var spool = new Spool(dir);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var writes = new ArrayList<Future<Boolean>>();
      for (int i = 0; i < 200; i++) {
        var payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        writes.add(executor.submit(() -> spool.write(payload)));
      }
      for (var write : writes) {
        assertThat(write.get()).isTrue();
      }
    }
    var seen = new HashSet<String>();
    for (var file : spool.ready()) {
      seen.add(new String(spool.read(file, 100).bytes(), StandardCharsets.UTF_8));
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void writeReturnsFalseInsteadOfThrowing() throws Exception {
    var notADirectory = Files.writeString(dir.resolve("file"), "x");
    assertThat(new Spool(notADirectory.resolve("spool")).write(new byte[] {1})).isFalse();
    assertThat(new Spool(notADirectory).write(new byte[] {1})).isFalse();
    assertThat(notADirectory).hasContent("x");
  }

  @Test
  void sweepRemovesOnlyOldTempFiles() throws Exception {
    var spool = new Spool(dir);
    file(".1-0.tmp", "dead writer", 0);
    file(".2-0.tmp", "live writer", 3600);
    file("3-0.json", "ready", 0);
    assertThat(spool.sweepTemps(T0.plusSeconds(60))).isEqualTo(1);
    try (var all = Files.list(dir)) {
      assertThat(all)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder(".2-0.tmp", "3-0.json");
    }
  }

  @Test
  void entriesValidateThemselves() {
    var file = dir.resolve("1-0.json");
    assertThatThrownBy(() -> new SpoolEntry(file, new byte[3], T0, 2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size 2 is less than the 3 bytes read from " + file);
    assertThatThrownBy(() -> new SpoolEntry(file, new byte[3], T0, 5, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
