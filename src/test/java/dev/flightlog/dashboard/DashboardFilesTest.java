package dev.flightlog.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files without a browser: the JS and CSS budget of PRODUCT.md §8 (all of it,
 * gzipped as the server sends it, at most 60 KB) and the manifest, which names exactly the files
 * the server may answer under {@code /ui/}.
 */
class DashboardFilesTest {

  static final Path UI = Path.of("src/main/resources/dev/flightlog/web/ui");
  static final long BUDGET = 60 * 1024;

  /** Every file under the folder, as a path relative to it with {@code /}. */
  static List<String> files() {
    try (var walk = Files.walk(UI)) {
      return walk.filter(Files::isRegularFile)
          .map(path -> UI.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of the bytes gzipped as the server gzips them (each file on its own). */
  static long gzipped(Path file) {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }

  /** The gzipped size of every JS and CSS file, added up. */
  static long scriptAndStyleBytes() {
    return files().stream()
        .filter(name -> name.endsWith(".js") || name.endsWith(".css"))
        .mapToLong(name -> gzipped(UI.resolve(name)))
        .sum();
  }

  @Test
  void allScriptAndStyleGzippedFitTheBudget() {
    var scripts = files().stream().filter(n -> n.endsWith(".js") || n.endsWith(".css")).toList();
    assertThat(scripts)
        .as("the dashboard has its app and its style")
        .contains("app.js", "style.css");
    long total = scriptAndStyleBytes();
    System.out.printf(
        "dashboard: %d JS and CSS files, %,d bytes gzipped (budget %,d)%n",
        scripts.size(), total, BUDGET);
    assertThat(total).as("gzipped JS + CSS of %s", scripts).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void theManifestNamesExactlyTheFilesOfTheFolder() throws IOException {
    var listed =
        Files.readAllLines(UI.resolve("manifest.txt"), StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(listed).as("manifest.txt names each file once").doesNotHaveDuplicates();
    var present = files().stream().filter(name -> !name.equals("manifest.txt")).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
  }
}
