package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flightlog.ScratchFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary bytes as Claude Code's {@code settings.json}, given to what {@code flightlog install}
 * reads and merges ({@link ClaudeSettings#install}, in a temp folder, never the real home): the
 * merged settings come back, or the documented {@link InstallException} whose message names the
 * file and says flightlog did not change it, nothing else (no other exception, no hang, no
 * overflow). A merge that succeeds is idempotent: its result, written as {@link SettingsEdit#apply}
 * writes it and merged again, changes nothing. Every input is merged with the default wiring and
 * with {@code --durable --otel}. A plain {@code mvn test} replays the seeds (and any crash kept as
 * a regression case) under {@code
 * src/test/resources/dev/flightlog/install/SettingsFuzzTestInputs/install/}; {@code JAZZER_FUZZ=1}
 * fuzzes. See docs/fuzzing.md.
 */
class SettingsFuzzTest {

  private static final String SPOOLER = "/home/u/.local/share/flightlog/bin/flightlog-spool";

  private static final Wiring[] WIRINGS = {
    new Wiring(Wiring.DEFAULT_ADDR, SPOOLER, false, false),
    new Wiring("[::1]:4781", SPOOLER, true, true),
  };

  /** One file for every input: a temp dir per input would cost more than the merge. */
  private static final Path FILE = ScratchFile.create("flightlog-settings-fuzz", "settings.json");

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "\"hooks\"",
    "\"env\"",
    "\"matcher\"",
    "\"type\"",
    "\"command\"",
    "\"http\"",
    "\"url\"",
    "\"timeout\"",
    "\"PreToolUse\"",
    "\"PostToolUse\"",
    "\"SessionStart\"",
    "\"UserPromptSubmit\"",
    "\"http://127.0.0.1:4780/hook\"",
    "\"http://[::1]:4781/hook\"",
    "\"http://127.0.0.1:9999/hook\"",
    "\"/home/u/.local/share/flightlog/bin/flightlog-spool\"",
    "\"OTEL_EXPORTER_OTLP_ENDPOINT\"",
    "\"http://127.0.0.1:4780\"",
    "\"CLAUDE_CODE_ENABLE_TELEMETRY\"",
    "\\ud800",
    "\\u0000",
    "\\xef\\xbb\\xbf"
  })
  void install(byte[] content) throws IOException {
    for (var wiring : WIRINGS) {
      Files.write(FILE, content);
      SettingsEdit first;
      try {
        first = ClaudeSettings.install(FILE, wiring);
      } catch (InstallException expected) {
        assertThat(expected.getMessage())
            .startsWith(FILE.toString())
            .contains("; flightlog did not change")
            .doesNotContain("\n at [Source");
        continue;
      }
      assertThat(first.file()).isEqualTo(FILE);
      // Idempotent: the merged file, written as apply writes it, merged again changes nothing.
      Files.write(FILE, first.after().getBytes(StandardCharsets.UTF_8));
      var second = ClaudeSettings.install(FILE, wiring);
      assertThat(second.changed()).as("a second merge changes nothing").isFalse();
      assertThat(second.after())
          .as("the merged file reads back as written")
          .isEqualTo(first.after());
      assertThat(second.warnings()).isEqualTo(first.warnings());
    }
  }
}
