package dev.flightlog.claude;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
      var decoder = new TranscriptDecoder(transcript.file, "");
      var starts = transcript.starts;
      var lengths = transcript.lengths;
      for (int i = 0; i < starts.length; i++) {
        blackhole.consume(decoder.decode(buffer, starts[i], lengths[i]));
      }
      blackhole.consume(decoder.state());
    }
  }

  public static void main(String[] args) throws RunnerException {
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
      var state = new DecoderBenchmark();
      state.corpus = corpus;
      try {
        state.setUp();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      double opsPerSecond = result.getPrimaryResult().getScore();
      System.out.printf(
          "%s: %.1f MB/s (%.2f corpus decodes/s of %,d bytes)%n",
          corpus, opsPerSecond * state.buffer.length / 1e6, opsPerSecond, state.buffer.length);
    }
  }
}
