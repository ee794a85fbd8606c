package dev.flightlog.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.ingest.Gate;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.live.Broker;
import dev.flightlog.spool.Spool;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRODUCT.md §7, "files and directories are created owner-only": the database and the files SQLite
 * makes beside it, the lock file and the spool, whatever the umask lets through (the test JVM's is
 * {@code 022}, under which SQLite alone makes {@code 0644} files); shared ones are refused with the
 * {@code chmod} that fixes them; symbolic links are never written or read through.
 */
class OwnerOnlyFilesTest {

  @TempDir Path dir;

  private Daemon.Settings settings(Path home) {
    return new Daemon.Settings(
        new Dsn.Sqlite(home.resolve("flightlog.db")),
        null,
        dev.flightlog.web.Server.Config.of("127.0.0.1", 0),
        home,
        "flightlog test",
        new TranscriptFollower.Settings(
            List.of(dir.resolve("projects")),
            Duration.ofMillis(50),
            Duration.ofMillis(2),
            1 << 20,
            1,
            true));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theDatabaseItsWalAndShmTheLockAndTheSpoolAreOwnerOnly() throws Exception {
    var home = dir.resolve("home");
    try (var daemon = Daemon.start(settings(home), Clock.systemUTC())) {
      var db = daemon.database();
      assertThat(mode(home)).isEqualTo("rwx------");
      assertThat(mode(db)).isEqualTo("rw-------");
      for (var companion : List.of("flightlog.db-wal", "flightlog.db-shm")) {
        assertThat(home.resolve(companion)).exists();
        assertThat(mode(home.resolve(companion))).as(companion).isEqualTo("rw-------");
      }
      assertThat(mode(home.resolve("flightlog.db.serve.lock"))).isEqualTo("rw-------");
      assertThat(mode(home.resolve("spool"))).isEqualTo("rwx------");
    }
  }

  @Test
  void aDatabaseOrWalOthersMayWriteIsRefusedWithTheChmod() throws Exception {
    var home = Files.createDirectory(dir.resolve("home"));
    var db = Files.createFile(home.resolve("flightlog.db"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThatThrownBy(() -> Daemon.start(settings(home), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the database "
                + db
                + " is writable by other users (rw-rw-rw-); make it private with: chmod 600 "
                + db);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    var wal = Files.createFile(home.resolve("flightlog.db-wal"));
    Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-rw----"));
    assertThatThrownBy(() -> Daemon.start(settings(home), Clock.systemUTC()))
        .hasMessage(
            "the database file "
                + wal
                + " is writable by other users (rw-rw----); make it private with: chmod 600 "
                + wal);
  }

  @Test
  void aSpoolDirectoryOthersMayWriteIsRefusedWithTheChmod() throws Exception {
    var home = Files.createDirectory(dir.resolve("home"));
    var spool = Files.createDirectory(home.resolve("spool"));
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> Daemon.start(settings(home), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the spool directory "
                + spool
                + " is writable by other users (rwxrwxrwx); make it private with: chmod 700 "
                + spool);
  }

  @Test
  void aSymbolicLinkInPlaceOfTheLockFileIsRefusedNotFollowed() throws Exception {
    var home = Files.createDirectory(dir.resolve("home"));
    var outside = Files.writeString(dir.resolve("outside.txt"), "keep", UTF_8);
    var lock = Files.createSymbolicLink(home.resolve("flightlog.db.serve.lock"), outside);
    assertThatThrownBy(() -> Daemon.start(settings(home), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the lock file "
                + lock
                + " is a symbolic link, which flightlog does not follow; remove it: rm "
                + lock);
    assertThat(outside).hasContent("keep");
  }

  @Test
  void linksPlantedInTheSpoolAreRemovedUnreadAndCounted() throws Exception {
    var home = Files.createDirectory(dir.resolve("home"));
    var spoolDir = Files.createDirectory(home.resolve("spool"));
    var outside =
        Files.writeString(
            dir.resolve("outside.json"),
            "{\"hook_event_name\":\"SessionStart\",\"session_id\":\"s1\"}",
            UTF_8);
    var link = Files.createSymbolicLink(spoolDir.resolve("1-0.json"), outside);
    var real = Files.writeString(spoolDir.resolve("1-1.json"), "{}", UTF_8);
    var clock = Clock.systemUTC();
    try (var store = Store.open(new Dsn.Sqlite(home.resolve("flightlog.db")), clock);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker());
        var drainer =
            SpoolDrainer.start(
                new Spool(spoolDir),
                new HookIntake(ingest, clock, path -> {}),
                ingest,
                clock,
                Duration.ofMillis(20),
                e -> {})) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while ((drainer.drained() < 1 || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(drainer.links()).isEqualTo(1);
      assertThat(drainer.drained()).isEqualTo(1);
      assertThat(link).doesNotExist();
      assertThat(real).doesNotExist();
      assertThat(outside).exists();
    }
  }
}
