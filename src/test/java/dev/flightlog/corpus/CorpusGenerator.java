package dev.flightlog.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a realistic, deterministic {@code ~/.claude}-shaped tree of Claude Code 2.1.328
 * transcripts and its ground truth:
 *
 * <pre>
 * DIR/projects/&lt;encoded cwd&gt;/&lt;session uuid&gt;.jsonl
 * DIR/projects/&lt;encoded cwd&gt;/&lt;session uuid&gt;/subagents/agent-&lt;id&gt;.jsonl (+ .meta.json)
 * DIR/ground_truth.json
 * </pre>
 *
 * <p>Usage: {@code CorpusGenerator --out DIR [--seed N] (--sessions N | --bytes SIZE | --files N)
 * [--threads N]}. SIZE takes a k, m or g suffix. {@code --files N} writes N small single-prompt
 * sessions (for many-file tests). The same arguments always give byte-identical output, whatever
 * the thread count: each session draws only from its own seed, and tallies are merged in session
 * order.
 */
public final class CorpusGenerator {
  /** Sessions fall in the 60 days before 2026-11-01T00:00:00Z. */
  static final long WINDOW_END_MS = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

  static final long WINDOW_START_MS = WINDOW_END_MS - 60 * UtcMillis.DAY_MS;

  /** Sessions per thread generated together before a {@code --bytes} target is checked. */
  private static final int BATCH_PER_THREAD = 8;

  private static final String USAGE =
      "usage: CorpusGenerator --out DIR [--seed N] (--sessions N | --bytes SIZE | --files N)"
          + " [--threads N]";

  /** What to generate; exactly one of sessions, bytes and files is positive. */
  record Options(Path out, long seed, int sessions, long bytes, int files, int threads) {
    Options {
      int targets = (sessions > 0 ? 1 : 0) + (bytes > 0 ? 1 : 0) + (files > 0 ? 1 : 0);
      if (targets != 1) {
        throw new IllegalArgumentException(
            "give exactly one of --sessions N, --bytes SIZE and --files N\n" + USAGE);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
      }
    }

    static Options parse(String... args) {
      Path out = null;
      long seed = 1;
      int sessions = 0;
      long bytes = 0;
      int files = 0;
      int threads = Runtime.getRuntime().availableProcessors();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + flag + "\n" + USAGE);
        }
        String value = args[++i];
        switch (flag) {
          case "--out" -> out = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--sessions" -> sessions = Integer.parseInt(value);
          case "--bytes" -> bytes = parseSize(value);
          case "--files" -> files = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
        }
      }
      if (out == null) {
        throw new IllegalArgumentException("--out DIR is required\n" + USAGE);
      }
      return new Options(out, seed, sessions, bytes, files, threads);
    }

    /** Parses {@code 300m}, {@code 1g}, {@code 512k} or a plain byte count. */
    static long parseSize(String text) {
      String lower = text.trim().toLowerCase(Locale.ROOT);
      long unit = 1;
      if (lower.endsWith("k") || lower.endsWith("m") || lower.endsWith("g")) {
        unit =
            switch (lower.charAt(lower.length() - 1)) {
              case 'k' -> 1L << 10;
              case 'm' -> 1L << 20;
              default -> 1L << 30;
            };
        lower = lower.substring(0, lower.length() - 1);
      }
      try {
        return Math.round(Double.parseDouble(lower) * unit);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad size '" + text + "' (expected e.g. 300m, 1g, 512k or bytes)", e);
      }
    }
  }

  /** One written session: its tally, size and the paths to remove if it overshoots a target. */
  private record Written(Tally tally, long bytes, Path projectDir, String sessionId) {}

  private final Options options;
  private final Filler filler = Filler.build(2 << 20);
  private final List<Project> projects;

  private CorpusGenerator(Options options) {
    this.options = options;
    this.projects = projects(new SplittableRandom(options.seed()));
  }

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Tally tally = generate(options);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "wrote %d sessions (%d subagent files, %d model requests, %d tool calls), %.1f MB in %.2f"
            + " s (%.0f MB/s) to %s%n",
        tally.sessions,
        tally.subagentFiles,
        tally.total.requests,
        tally.toolCalls.values().stream().mapToLong(c -> c[0] + c[1] + c[2] + c[3]).sum(),
        tally.bytes / 1e6,
        seconds,
        tally.bytes / 1e6 / seconds,
        options.out());
  }

  /** Generates the corpus described by {@code options} and returns its ground truth. */
  static Tally generate(Options options) throws IOException {
    if (Files.exists(options.out().resolve("projects"))) {
      throw new IllegalArgumentException(
          options.out().resolve("projects") + " already exists; give an empty or new --out DIR");
    }
    Files.createDirectories(options.out().resolve("projects"));
    var generator = new CorpusGenerator(options);
    Tally tally = generator.run();
    tally.write(options.out().resolve("ground_truth.json"), options.seed());
    return tally;
  }

  private Tally run() throws IOException {
    var total = new Tally();
    boolean small = options.files() > 0;
    int count = small ? options.files() : options.sessions();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      // Sessions past a --bytes target are deleted again, so the batch size only changes how
      // much work is wasted, never which sessions are kept.
      int batchSize = BATCH_PER_THREAD * options.threads();
      for (int first = 0; options.bytes() > 0 || first < count; first += batchSize) {
        int end = options.bytes() > 0 ? first + batchSize : Math.min(count, first + batchSize);
        var batch = new ArrayList<Future<Written>>(end - first);
        for (int index = first; index < end; index++) {
          int session = index;
          batch.add(pool.submit(() -> session(session, small)));
        }
        // Wait for the whole batch first: a discarded session may remove a project directory
        // that a later session of the batch is still writing into.
        var done = new ArrayList<Written>(batch.size());
        for (var future : batch) {
          done.add(await(future));
        }
        for (var written : done) {
          if (options.bytes() > 0 && total.bytes >= options.bytes()) {
            discard(written);
          } else {
            total.merge(written.tally());
          }
        }
        if (options.bytes() > 0 && total.bytes >= options.bytes()) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return total;
  }

  private Written session(int index, boolean small) throws IOException {
    long seed = mix(options.seed() + (index + 1L) * 0x9E3779B97F4A7C15L);
    var pick = new SplittableRandom(mix(seed));
    double r = pick.nextDouble();
    // A few projects get most of the sessions, as in real use.
    var project = projects.get((int) (projects.size() * r * r));
    var dir = options.out().resolve("projects").resolve(project.encodedCwd());
    var tally = new Tally();
    tally.projects.add(project.cwd());
    var script = new SessionScript(filler, tally, seed, project, dir, small);
    long bytes = script.write();
    tally.bytes = bytes;
    return new Written(tally, bytes, dir, script.sessionId());
  }

  private static Written await(Future<Written> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Removes a session generated past a {@code --bytes} target, with its subagent files. */
  private static void discard(Written written) throws IOException {
    Files.delete(written.projectDir().resolve(written.sessionId() + ".jsonl"));
    var sessionDir = written.projectDir().resolve(written.sessionId());
    if (Files.exists(sessionDir)) {
      try (var paths = Files.walk(sessionDir)) {
        paths
            .sorted(Comparator.reverseOrder())
            .forEach(
                path -> {
                  try {
                    Files.delete(path);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
    try (var left = Files.list(written.projectDir())) {
      if (left.findAny().isEmpty()) {
        Files.delete(written.projectDir());
      }
    }
  }

  /** Between 5 and 30 working directories, with branches and hook settings. */
  private static List<Project> projects(SplittableRandom random) {
    var names =
        List.of(
            "api-gateway",
            "billing",
            "web-app",
            "mobile",
            "infra",
            "data-pipeline",
            "auth",
            "search",
            "notifications",
            "cli",
            "docs",
            "design-system",
            "ml-serving",
            "etl",
            "admin-portal",
            "payments",
            "reporting",
            "scheduler",
            "sdk-python",
            "sdk-js");
    var parents = List.of("/home/dev/src/", "/home/dev/work/acme/", "/home/dev/projects/");
    var branches = List.of("main", "main", "main", "develop", "feature/pagination", "fix/leak");
    int count = 5 + random.nextInt(26);
    var projects = new ArrayList<Project>(count);
    for (int i = 0; i < count; i++) {
      String name = names.get(i % names.size()) + (i >= names.size() ? "-" + i : "");
      String hook =
          switch (random.nextInt(10)) {
            case 0, 1, 2 -> "";
            case 3, 4 -> "http://127.0.0.1:4318/hook/";
            default -> "/home/dev/.local/bin/flightlog-spool";
          };
      projects.add(
          new Project(
              parents.get(random.nextInt(parents.size())) + name,
              branches.get(random.nextInt(branches.size())),
              hook));
    }
    return List.copyOf(projects);
  }

  /** SplitMix64's finaliser: spreads neighbouring seeds over the whole range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
