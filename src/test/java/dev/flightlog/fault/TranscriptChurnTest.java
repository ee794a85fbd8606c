package dev.flightlog.fault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.soak.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcripts changed under the running daemon's tailer while agents keep working: truncated in
 * place in the middle of a line and then grown again, replaced by a rewritten copy (a new inode),
 * rotated (renamed away, a new file begun at the same path) and deleted (and begun again). Every
 * tool call ever written must be stored once — none lost when its file vanished or shrank, none
 * doubled when a file was read again from its start — and the database must be whole.
 *
 * <p>Not covered, by design of offset tailing: a file truncated and grown past its old length
 * between two looks of the tailer, with the same first 4 KiB, is taken for the same file grown
 * (RATIONALE.md, "Positions are stored with the data"). Claude Code only appends.
 */
class TranscriptChurnTest {

  private static final String SESSION = "c4000000-0000-4000-8000-000000000001";

  @TempDir Path dir;

  @Test
  void truncatedReplacedRotatedAndDeletedTranscriptsLoseAndDoubleNothing() throws IOException {
    new Churn(new Rig(dir)).run();
  }

  /** One session's transcript, changed under the daemon, and the calls written into it. */
  private static final class Churn {
    private final Rig rig;
    private final Path transcript;
    private final Set<String> written = new HashSet<>();

    Churn(Rig rig) {
      this.rig = rig;
      this.transcript = rig.projects.resolve("-home-dev-churn/" + SESSION + ".jsonl");
    }

    void run() throws IOException {
      Files.createDirectories(rig.projects.resolve("-home-dev-churn"));
      var daemon = rig.serve();
      try (var workload =
          rig.workload(new Workload.Options(3, 4, 3, Duration.ofMillis(5), 3, 300), 7)) {
        // 1. A session of ten calls.
        append(prompt("p1") + calls(written, 0, 10));
        awaitStored();

        // 2. Truncated in place, in the middle of call 5's result line; then grown again.
        var whole = Files.readString(transcript, UTF_8);
        int cut = whole.indexOf("toolu_churn_0005\",\"type\":\"tool_result\"");
        try (var channel =
            java.nio.channels.FileChannel.open(transcript, StandardOpenOption.WRITE)) {
          channel.truncate(whole.substring(0, cut).getBytes(UTF_8).length);
        }
        awaitPositionAtMost(Files.size(transcript));
        append(whole.substring(cut) + calls(written, 10, 15));
        awaitStored();

        // 3. Replaced: a rewritten copy with more calls moved over it (a new inode).
        var copy = transcript.resolveSibling("rewrite.tmp");
        Files.writeString(
            copy, Files.readString(transcript, UTF_8) + calls(written, 15, 20), UTF_8);
        Files.move(
            copy, transcript, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitStored();

        // 4. Rotated: renamed away (no longer a transcript's name), a new file begun in its place.
        Files.move(transcript, transcript.resolveSibling(SESSION + ".jsonl.1"));
        append(prompt("p2") + calls(written, 20, 25));
        awaitStored();

        // 5. Deleted, and begun again later.
        Files.delete(transcript);
        Rig.sleep(600); // more than two scans: the daemon forgets the file; its records stay
        assertThat(
                rig.set(
                    "SELECT tool_use_id FROM tool_calls WHERE tool_use_id LIKE 'toolu_churn_%'"))
            .isEqualTo(written);
        append(prompt("p3") + calls(written, 25, 30));
        awaitStored();

        workload.stop();
        var truth = workload.truth();
        truth.toolCalls.addAll(written);
        rig.awaitCaughtUp(truth);
        assertThat(daemon.stop()).as(daemon.output()).isZero();
        rig.assertWhole();
        var calls = rig.rows("SELECT tool_use_id FROM tool_calls");
        Rig.assertSameOnce("tool calls", calls, truth.toolCalls);
        assertThat(rig.count("SELECT COALESCE(SUM(calls), 0) FROM tool_rollup"))
            .isEqualTo(calls.size());
        assertThat(rig.count("SELECT COALESCE(SUM(requests), 0) FROM usage_rollup"))
            .isEqualTo(rig.count("SELECT COUNT(*) FROM model_requests"));
        assertThat(daemon.output()).doesNotContain("SEVERE");
      } finally {
        daemon.close();
      }
    }

    private void append(String text) throws IOException {
      Files.writeString(
          transcript, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void awaitStored() {
      long deadline = System.nanoTime() + Rig.SETTLE.toNanos();
      Set<String> stored = Set.of();
      while (System.nanoTime() < deadline) {
        stored =
            rig.set(
                "SELECT tool_use_id FROM tool_calls WHERE status = 'ok' AND tool_use_id LIKE 'toolu_churn_%'");
        if (stored.equals(written)) {
          return;
        }
        Rig.sleep(100);
      }
      throw new AssertionError("stored " + stored + ", written " + written);
    }

    private void awaitPositionAtMost(long size) {
      long deadline = System.nanoTime() + Rig.SETTLE.toNanos();
      while (System.nanoTime() < deadline) {
        var offset =
            rig.rows("SELECT offset FROM file_positions WHERE path = '" + transcript + "'");
        if (!offset.isEmpty() && Long.parseLong(offset.getFirst()) <= size) {
          return;
        }
        Rig.sleep(100);
      }
      throw new AssertionError("the daemon did not notice the truncation");
    }
  }

  private static String prompt(String id) {
    return line("u-" + id, id, "user", "\"message\":{\"role\":\"user\",\"content\":\"churn\"}");
  }

  private static String calls(Set<String> written, int from, int to) {
    var text = new StringBuilder();
    IntStream.range(from, to)
        .forEach(
            n -> {
              var id = "toolu_churn_%04d".formatted(n);
              written.add(id);
              text.append(
                      line(
                          "a-" + id,
                          null,
                          "assistant",
                          "\"requestId\":\"req_"
                              + id
                              + "\",\"message\":{\"id\":\"msg_"
                              + id
                              + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                              + "\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"tool_use\","
                              + "\"id\":\""
                              + id
                              + "\",\"name\":\"Bash\",\"input\":{\"command\":\"echo "
                              + n
                              + "\"}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":5,"
                              + "\"output_tokens\":7}}"))
                  .append(
                      line(
                          "r-" + id,
                          "p1",
                          "user",
                          "\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\""
                              + id
                              + "\",\"type\":\"tool_result\",\"content\":\"out "
                              + n
                              + "\",\"is_error\":false}]}"));
            });
    return text.toString();
  }

  private static String line(String uuid, @Nullable String promptId, String type, String rest) {
    return "{\"parentUuid\":null,\"isSidechain\":false"
        + (promptId == null ? "" : ",\"promptId\":\"" + promptId + "\"")
        + ",\"type\":\""
        + type
        + "\",\"uuid\":\""
        + uuid
        + "\",\"timestamp\":\""
        + Instant.now()
        + "\",\"cwd\":\"/home/dev/churn\",\"sessionId\":\""
        + SESSION
        + "\",\"version\":\"2.1.328\",\"gitBranch\":\"main\","
        + rest
        + "}\n";
  }
}
