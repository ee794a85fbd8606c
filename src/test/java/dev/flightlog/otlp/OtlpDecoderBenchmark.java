package dev.flightlog.otlp;

import dev.flightlog.SharedSamples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decoding throughput of OTLP request bodies on one thread, JSON and protobuf: complete Claude Code
 * log bodies built from every sample run's transcripts (tool calls, model requests and prompts with
 * all their attributes) and the runs' real metrics bodies. Each pass decodes the corpus repeatedly
 * for about two seconds; a warm-up pass, then {@code passes} timed ones (default 5), each printing
 * MB/s of body bytes and items per second, then the medians.
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java -cp
 * target/test-classes:target/classes:<test class path> -Dflightlog.shared=../shared
 * dev.flightlog.otlp.OtlpDecoderBenchmark [passes]}.
 */
public final class OtlpDecoderBenchmark {

  private OtlpDecoderBenchmark() {}

  public static void main(String[] args) throws IOException {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    var samples = SharedSamples.claudeSamplesLocation();
    var json = new ArrayList<byte[]>();
    var signals = new ArrayList<Signal>();
    try (var list = Files.list(samples)) {
      for (var scenario : list.sorted().toList()) {
        if (!Files.isDirectory(scenario.resolve("home/.claude"))) {
          continue;
        }
        var transcripts = ClaudeTelemetry.read(scenario.resolve("home/.claude"));
        json.add(ClaudeTelemetry.of("2.1.328", transcripts).logsJson());
        signals.add(Signal.LOGS);
        for (var line : Files.readAllLines(scenario.resolve("otel/metrics.jsonl"))) {
          var post = Json.object(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
          json.add(
              Json.write(Objects.requireNonNull(post.get("body")))
                  .getBytes(StandardCharsets.UTF_8));
          signals.add(Signal.METRICS);
        }
      }
    }
    if (json.isEmpty()) {
      throw new IllegalStateException("no samples under " + samples + ": set flightlog.shared");
    }
    var protobuf = new ArrayList<byte[]>();
    for (int i = 0; i < json.size(); i++) {
      protobuf.add(
          signals.get(i) == Signal.LOGS
              ? ProtoBodies.logs(json.get(i))
              : ProtoBodies.metrics(json.get(i)));
    }
    run("json", Encoding.JSON, json, signals, passes);
    run("protobuf", Encoding.PROTOBUF, protobuf, signals, passes);
  }

  private static void run(
      String name, Encoding encoding, List<byte[]> bodies, List<Signal> signals, int passes) {
    long bytes = bodies.stream().mapToLong(b -> b.length).sum();
    System.out.printf("%s corpus: %d bodies, %,d bytes%n", name, bodies.size(), bytes);
    var threads = ManagementFactory.getThreadMXBean();
    var rates = new ArrayList<Double>();
    var itemRates = new ArrayList<Double>();
    for (int pass = 0; pass <= passes; pass++) {
      long rounds = 0;
      long items = 0;
      long began = System.nanoTime();
      long cpuBegan = threads.getCurrentThreadCpuTime();
      while (System.nanoTime() - began < 2_000_000_000L) {
        for (int i = 0; i < bodies.size(); i++) {
          var export = OtlpDecoder.decode(signals.get(i), encoding, bodies.get(i));
          items += export.accepted() + export.rejected();
        }
        rounds++;
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
      double rate = rounds * bytes / seconds / 1e6;
      System.out.printf(
          "%s %s %d: %.1f MB/s, %.0f items/s (%.1f MB per CPU second)%n",
          name,
          pass == 0 ? "warm-up" : "pass",
          pass,
          rate,
          items / seconds,
          rounds * bytes / cpuSeconds / 1e6);
      if (pass > 0) {
        rates.add(rate);
        itemRates.add(items / seconds);
      }
    }
    rates.sort(null);
    itemRates.sort(null);
    System.out.printf(
        "median %s: %.1f MB/s, %.0f items/s%n",
        name, rates.get(rates.size() / 2), itemRates.get(itemRates.size() / 2));
  }
}
