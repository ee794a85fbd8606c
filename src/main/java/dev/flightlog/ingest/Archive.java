package dev.flightlog.ingest;

import dev.flightlog.claude.TranscriptFile;
import dev.flightlog.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressed archive of raw transcripts ({@code --archive}): as each transcript is read, the
 * lines consumed are appended, after redaction with the standard rules, to {@code
 * <root>/claude/<project-dir>/<session>.jsonl.gz} (a subagent's to {@code
 * <project-dir>/<session>/subagents/agent-<id>.jsonl.gz}), one gzip member per append, so that they
 * can be imported again after Claude Code deleted them. Directories are created owner-only (0700),
 * files 0600, and no symbolic link is followed.
 *
 * <p><b>Exactly once, at most.</b> Beside each archive file a mark ({@code .jsonl.gz.mark}) holds
 * the transcript offset archived up to and the archive's length then, replaced atomically after
 * each append. An append skips the bytes the mark says are archived already (a batch read again
 * after a crash, before its position was committed), and first cuts the archive back to the mark's
 * length (a member torn by a crash). So a line is never archived twice; a crash can lose the last
 * lines archived from the archive, never duplicate them. A transcript rewritten or cut short in
 * place is archived again from its start.
 */
public final class Archive {

  private static final String SUFFIX = ".jsonl.gz";
  private static final String MARK = ".mark";
  private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path root;

  private Archive(Path root) {
    this.root = root;
  }

  /** The archive under {@code root} (created when the first line is archived). */
  public static Archive at(Path root) {
    return new Archive(root.toAbsolutePath().normalize());
  }

  /** The archive's root directory. */
  public Path root() {
    return root;
  }

  /** Where the lines of {@code file} are archived. */
  Path target(TranscriptFile file) {
    var path = file.path();
    var stem = path.getFileName().toString();
    var project = file.subagent() ? ancestor(path, 3) : ancestor(path, 1);
    var dir = root.resolve("claude").resolve(project);
    if (file.subagent()) {
      dir = dir.resolve(file.sessionId()).resolve("subagents");
    }
    return dir.resolve(stem + ".gz");
  }

  private static String ancestor(Path path, int up) {
    var p = path;
    for (int i = 0; i < up && p != null; i++) {
      p = p.getParent();
    }
    var name = p == null ? null : p.getFileName();
    return name == null ? "unknown-project" : name.toString();
  }

  /**
   * Appends the lines of {@code file} read from {@code from} to {@code to} (transcript offsets at
   * line ends): {@code lines} holds each line and its newline, in order. {@code restarted} says the
   * file was read again from its start because it was rewritten or cut short.
   */
  synchronized void append(TranscriptFile file, long from, long to, byte[] lines, boolean restarted)
      throws IOException {
    var target = target(file);
    try {
      directories(target.resolveSibling(""));
      var mark = mark(target);
      long archived = restarted && from == 0 ? 0 : mark[0];
      if (to <= archived) {
        return;
      }
      int skip = (int) Math.max(0, archived - from);
      var redacted = redact(lines, skip);
      try (var channel =
          FileChannel.open(
              target,
              Set.<OpenOption>of(
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
              FILE)) {
        channel.truncate(Math.min(mark[1], channel.size()));
        channel.position(channel.size());
        var member = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(member)) {
          gzip.write(redacted);
        }
        var buffer = ByteBuffer.wrap(member.toByteArray());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
        writeMark(target, to, channel.size());
      }
    } catch (IOException e) {
      throw new IOException("cannot archive to " + target + ": " + e.getMessage(), e);
    }
  }

  /** The lines from byte {@code skip} on, each redacted with the standard rules. */
  private static byte[] redact(byte[] lines, int skip) {
    var text = new String(lines, skip, lines.length - skip, StandardCharsets.UTF_8);
    return Redactor.standard().redact(text).text().getBytes(StandardCharsets.UTF_8);
  }

  /** Creates the missing directories up to {@code dir} owner-only; refuses symbolic links. */
  private void directories(Path dir) throws IOException {
    var missing = new ArrayList<Path>();
    for (var p = dir; p != null && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); ) {
      if (Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(p + " is not a directory (symbolic links are not followed)");
      }
      missing.add(p);
      p = p.getParent();
    }
    for (int i = missing.size() - 1; i >= 0; i--) {
      try {
        Files.createDirectory(missing.get(i), DIRECTORY);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(missing.get(i), LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
      }
    }
  }

  /** The transcript offset archived up to and the archive's length then; zeros when none. */
  private static long[] mark(Path target) throws IOException {
    var mark = target.resolveSibling(target.getFileName() + MARK);
    if (!Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
      return new long[] {0, 0};
    }
    if (Files.isSymbolicLink(mark)) {
      throw new IOException(mark + " is a symbolic link");
    }
    var text = Files.readString(mark, StandardCharsets.US_ASCII).strip();
    int space = text.indexOf(' ');
    try {
      return new long[] {
        Long.parseLong(text.substring(0, space)), Long.parseLong(text.substring(space + 1))
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IOException("malformed archive mark " + mark, e);
    }
  }

  private static void writeMark(Path target, long offset, long length) throws IOException {
    var mark = target.resolveSibling(target.getFileName() + MARK);
    var next = target.resolveSibling(target.getFileName() + MARK + ".next");
    Files.deleteIfExists(next);
    Files.createFile(next, FILE);
    Files.writeString(
        next, offset + " " + length + "\n", StandardCharsets.US_ASCII, LinkOption.NOFOLLOW_LINKS);
    Files.move(next, mark, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Whether {@code path} is an archive to import: a {@code .jsonl.gz} file, or a folder with such
   * files and no plain transcript ({@code .jsonl}), so a Claude Code folder is never taken for one.
   */
  public static boolean isArchive(Path path) {
    if (Files.isRegularFile(path)) {
      return path.getFileName().toString().endsWith(SUFFIX);
    }
    if (!Files.isDirectory(path)) {
      return false;
    }
    boolean found = false;
    try (var files = Files.walk(path)) {
      for (var file : (Iterable<Path>) files::iterator) {
        var name = file.getFileName().toString();
        if (name.endsWith(".jsonl")) {
          return false;
        }
        found |= name.endsWith(SUFFIX);
      }
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
    return found;
  }

  /**
   * Decompresses the archived transcripts under {@code archive} (a {@code .jsonl.gz} file or a
   * folder of them) into {@code into}, keeping their layout below {@code claude/} (project folder,
   * session file, subagents), so that they import like the transcripts they came from. A last
   * member cut short by a crash is read up to where it ends. Returns the folders to import.
   */
  public static List<Path> restore(Path archive, Path into) throws IOException {
    var restored = new ArrayList<Path>();
    if (Files.isRegularFile(archive)) {
      var name = archive.getFileName().toString();
      var project = archive.toAbsolutePath().getParent();
      var dir =
          into.resolve(
              project == null || project.getFileName() == null
                  ? "unknown"
                  : project.getFileName().toString());
      Files.createDirectories(dir);
      inflate(archive, dir.resolve(name.substring(0, name.length() - ".gz".length())));
      restored.add(into);
      return restored;
    }
    var base = Files.isDirectory(archive.resolve("claude")) ? archive.resolve("claude") : archive;
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path path, BasicFileAttributes attributes)
              throws IOException {
            var name = path.getFileName().toString();
            if (attributes.isRegularFile() && name.endsWith(SUFFIX)) {
              var out =
                  into.resolve(base.relativize(path).toString())
                      .resolveSibling(name.substring(0, name.length() - ".gz".length()));
              Files.createDirectories(out.resolveSibling(""));
              inflate(path, out);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    restored.add(into);
    return restored;
  }

  private static void inflate(Path gz, Path out) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz, LinkOption.NOFOLLOW_LINKS));
        var target = Files.newOutputStream(out)) {
      var buffer = new byte[1 << 16];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          target.write(buffer, 0, n);
        }
      } catch (EOFException e) {
        // a member torn by a crash: what came before it is kept; its partial line is not read
      }
    }
  }
}
