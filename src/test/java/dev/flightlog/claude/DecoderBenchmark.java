package dev.flightlog.claude;

import dev.flightlog.Decoded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decoding throughput on one core: the real Claude Code transcripts of the reference samples,
 * repeated to about 32 MB ({@code samples}), and the same with a large tool output, a large file
 * read and a large Write every few dozen lines ({@code large-output}, like the reference's
 * large_output scenario). One operation decodes the whole corpus; {@link #main} prints MB/s.
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java -cp
 * target/test-classes:target/classes:<test class path> dev.flightlog.claude.DecoderBenchmark}.
 *
 * <p>{@code DecoderBenchmark --dir <directory> [--passes N] [--verify]} instead decodes every line
 * of every {@code .jsonl} under the directory on one thread (a corpus from {@code
 * bench/gen-corpus.sh}, or a real {@code ~/.claude/projects}), without and with the {@link
 * TypeScan} pre-scan in turns: one warm-up pass, then N passes (default 3), each printing MB/s of
 * decoding alone (the files are read into memory first), and the median of each. {@code --verify}
 * first checks that every line decodes the same both ways.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {

  static final int CORPUS_BYTES = 32 * 1024 * 1024;

  @Param({"samples", "large-output"})
  public String corpus = "samples";

  /** Whether lines of ignored types are recognised by {@link TypeScan} and skip Jackson. */
  @Param({"true", "false"})
  public boolean preScan = true;

  /** The corpus as one buffer of lines, and each transcript's lines as offsets into it. */
  byte[] buffer = new byte[0];

  List<Transcript> transcripts = List.of();

  /** One transcript's lines: where each starts in the buffer and how long it is. */
  static final class Transcript {
    final TranscriptFile file;
    final int[] starts;
    final int[] lengths;

    Transcript(TranscriptFile file, int[] starts, int[] lengths) {
      this.file = file;
      this.starts = starts;
      this.lengths = lengths;
    }
  }

  @Setup
  public void setUp() throws IOException {
    var files = new ArrayList<Path>();
    var samples = SampleGroundTruthTest.samplesDir();
    if (Files.isDirectory(samples)) {
      try (var walk = Files.walk(samples)) {
        walk.filter(p -> p.toString().endsWith(".jsonl") && TranscriptFile.of(p) != null)
            .sorted()
            .forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no transcripts under " + samples + ": set flightlog.shared");
    }
    var out = new ByteArrayOutputStream(CORPUS_BYTES + (1 << 20));
    var built = new ArrayList<Transcript>();
    int round = 0;
    while (out.size() < CORPUS_BYTES) {
      for (var path : files) {
        var starts = new ArrayList<Integer>();
        var lengths = new ArrayList<Integer>();
        int n = 0;
        for (var line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
          var bytes = line.getBytes(StandardCharsets.UTF_8);
          if (corpus.equals("large-output") && n++ % 40 == 39) {
            bytes = large(n / 40 % 3).getBytes(StandardCharsets.UTF_8);
          }
          starts.add(out.size());
          lengths.add(bytes.length);
          out.write(bytes);
          out.write('\n');
        }
        var file = Objects.requireNonNull(TranscriptFile.of(path));
        built.add(
            new Transcript(
                file,
                starts.stream().mapToInt(Integer::intValue).toArray(),
                lengths.stream().mapToInt(Integer::intValue).toArray()));
      }
      round++;
    }
    buffer = out.toByteArray();
    transcripts = built;
    System.out.printf(
        "%n%s corpus: %,d bytes, %d transcripts (%d rounds)%n",
        corpus, buffer.length, built.size(), round);
  }

  /** A 150 KB Bash output, a 120 KB Read result or a 110 KB Write, as Claude Code writes them. */
  static String large(int kind) {
    var text = "line of output 0123456789 abcdefghijklmnopqrstuvwxyz\\n".repeat(2_800);
    return switch (kind) {
      case 0 ->
          "{\"parentUuid\":\"a\",\"isSidechain\":false,\"promptId\":\"p\",\"type\":\"user\","
              + "\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_x\","
              + "\"type\":\"tool_result\",\"content\":\""
              + text
              + "\",\"is_error\":false}]},\"uuid\":\"u\",\"timestamp\":\"2026-11-23T20:26:12.689Z\","
              + "\"toolUseResult\":{\"stdout\":\""
              + text
              + "\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false},"
              + "\"cwd\":\"/home/dev/project\",\"sessionId\":\"s\",\"version\":\"2.1.328\"}";
      case 1 ->
          "{\"type\":\"user\",\"promptId\":\"p\",\"message\":{\"role\":\"user\",\"content\":"
              + "[{\"tool_use_id\":\"toolu_y\",\"type\":\"tool_result\",\"content\":[{\"type\":\"text\","
              + "\"text\":\""
              + text
              + "\"}]}]},\"toolUseResult\":{\"type\":\"text\",\"file\":{\"content\":\""
              + text
              + "\"}},\"timestamp\":\"2026-11-23T20:26:12.689Z\",\"cwd\":\"/home/dev/project\"}";
      default ->
          "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_w\",\"model\":\"claude-opus-5-5\","
              + "\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_z\","
              + "\"name\":\"Write\",\"input\":{\"file_path\":\"/home/dev/project/big.txt\","
              + "\"content\":\""
              + text
              + "\"}}],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}},\"requestId\":\"r\","
              + "\"timestamp\":\"2026-11-23T20:26:12.689Z\",\"cwd\":\"/home/dev/project\"}";
    };
  }

  @Benchmark
  public void decodeCorpus(Blackhole blackhole) {
    for (var transcript : transcripts) {
      var decoder = new TranscriptDecoder(transcript.file, "", preScan);
      var starts = transcript.starts;
      var lengths = transcript.lengths;
      for (int i = 0; i < starts.length; i++) {
        blackhole.consume(decoder.decode(buffer, starts[i], lengths[i]));
      }
      blackhole.consume(decoder.state());
    }
  }

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length > 0) {
      corpusMain(args);
      return;
    }
    var results =
        new Runner(
                new OptionsBuilder()
                    .include(DecoderBenchmark.class.getName())
                    .jvmArgsAppend(
                        "-Dflightlog.shared=" + System.getProperty("flightlog.shared", "../shared"))
                    .build())
            .run();
    for (var result : results) {
      var corpus = result.getParams().getParam("corpus");
      var preScan = result.getParams().getParam("preScan");
      var state = new DecoderBenchmark();
      state.corpus = corpus;
      try {
        state.setUp();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      double opsPerSecond = result.getPrimaryResult().getScore();
      System.out.printf(
          "%s, pre-scan %s: %.1f MB/s (%.2f corpus decodes/s of %,d bytes)%n",
          corpus,
          preScan,
          opsPerSecond * state.buffer.length / 1e6,
          opsPerSecond,
          state.buffer.length);
    }
  }

  /** One file of a directory corpus: its lines as offsets into its bytes. */
  private static final class CorpusFile {
    final Transcript lines;
    final byte[] bytes;

    CorpusFile(Transcript lines, byte[] bytes) {
      this.lines = lines;
      this.bytes = bytes;
    }
  }

  private static void corpusMain(String[] args) throws IOException {
    Path dir = null;
    int passes = 3;
    boolean verify = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        case "--verify" -> verify = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("usage: --dir <directory> [--passes N] [--verify]");
    }
    var files = new ArrayList<CorpusFile>();
    long total = 0;
    List<Path> paths;
    try (var walk = Files.walk(dir)) {
      paths = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (var path : paths) {
      var file = TranscriptFile.of(path);
      if (file == null) {
        continue;
      }
      var bytes = Files.readAllBytes(path);
      var starts = new ArrayList<Integer>();
      var lengths = new ArrayList<Integer>();
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          if (i > start) {
            starts.add(start);
            lengths.add(i - start);
          }
          start = i + 1;
        }
      }
      files.add(
          new CorpusFile(
              new Transcript(
                  file,
                  starts.stream().mapToInt(Integer::intValue).toArray(),
                  lengths.stream().mapToInt(Integer::intValue).toArray()),
              bytes));
      total += bytes.length;
    }
    System.out.printf("%s: %,d bytes in %d transcripts%n", dir, total, files.size());
    if (verify) {
      verify(files);
    }
    // Both paths in turns, so both see the same JIT state and the same load on a shared machine.
    var rates = new ArrayList<List<Double>>(List.of(new ArrayList<>(), new ArrayList<>()));
    var cpuRates = new ArrayList<List<Double>>(List.of(new ArrayList<>(), new ArrayList<>()));
    var threads = ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass <= passes; pass++) {
      for (int mode = 0; mode < 2; mode++) {
        boolean preScan = mode == 1;
        long facts = 0;
        long began = System.nanoTime();
        long cpuBegan = threads.getCurrentThreadCpuTime();
        for (var corpusFile : files) {
          var lines = corpusFile.lines;
          var decoder = new TranscriptDecoder(lines.file, "", preScan);
          for (int i = 0; i < lines.starts.length; i++) {
            if (decoder.decode(corpusFile.bytes, lines.starts[i], lines.lengths[i])
                instanceof Decoded.Facts decoded) {
              facts += decoded.facts().size();
            }
          }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
        double rate = total / seconds / 1e6;
        System.out.printf(
            "%s %d, pre-scan %s: %.1f MB/s (%.2f s; %.1f MB per CPU second; %,d facts)%n",
            pass == 0 ? "warm-up" : "pass",
            pass,
            preScan ? "on " : "off",
            rate,
            seconds,
            total / cpuSeconds / 1e6,
            facts);
        if (pass > 0) {
          rates.get(mode).add(rate);
          cpuRates.get(mode).add(total / cpuSeconds / 1e6);
        }
      }
    }
    for (int mode = 0; mode < 2; mode++) {
      var sorted = new ArrayList<>(rates.get(mode));
      sorted.sort(null);
      var cpuSorted = new ArrayList<>(cpuRates.get(mode));
      cpuSorted.sort(null);
      System.out.printf(
          "median, pre-scan %s: %.1f MB/s, %.1f MB per CPU second%n",
          mode == 1 ? "on " : "off",
          sorted.get(sorted.size() / 2),
          cpuSorted.get(cpuSorted.size() / 2));
    }
  }

  /** Every line decodes to the same, and leaves the same state, with and without the pre-scan. */
  private static void verify(List<CorpusFile> files) {
    long lines = 0;
    long scanned = 0;
    for (var corpusFile : files) {
      var transcript = corpusFile.lines;
      var fast = new TranscriptDecoder(transcript.file, "", true);
      var slow = new TranscriptDecoder(transcript.file, "", false);
      for (int i = 0; i < transcript.starts.length; i++) {
        int start = transcript.starts[i];
        int length = transcript.lengths[i];
        var expected = slow.decode(corpusFile.bytes, start, length);
        var actual = fast.decode(corpusFile.bytes, start, length);
        if (!expected.equals(actual) || !slow.state().equals(fast.state())) {
          throw new AssertionError(
              transcript.file + " line " + (i + 1) + ": " + actual + " != " + expected);
        }
        lines++;
        if (TypeScan.scan(corpusFile.bytes, start, length) != null) {
          scanned++;
        }
      }
    }
    System.out.printf(
        "verified: %,d lines decode the same with and without the pre-scan (%,d skip Jackson)%n",
        lines, scanned);
  }
}
