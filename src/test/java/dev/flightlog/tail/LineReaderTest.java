package dev.flightlog.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

  @TempDir Path dir;

  /** Reads every line from the offset; oversize lines appear as "<oversize start+length>". */
  private List<String> read(Path file, long offset, int cap, long[] endOffset) throws IOException {
    var lines = new ArrayList<String>();
    try (var reader = LineReader.open(file, offset, cap)) {
      LineReader.Line line;
      while ((line = reader.next()) != null) {
        switch (line) {
          case LineReader.Line.Complete c ->
              lines.add(new String(c.buffer(), c.offset(), c.length(), UTF_8) + "@" + c.start());
          case LineReader.Line.Oversize o ->
              lines.add("<oversize " + o.start() + "+" + o.length() + ">");
        }
      }
      endOffset[0] = reader.offset();
    }
    return lines;
  }

  @Test
  void readsCompleteLinesWithTheirStartOffsets() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\ntwo\n\nfour\n");
    var end = new long[1];
    assertThat(read(file, 0, 100, end)).containsExactly("one@0", "two@4", "@8", "four@9");
    assertThat(end[0]).isEqualTo(14);
  }

  @Test
  void aPartialLastLineWaitsForItsNewline() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\ntw");
    var end = new long[1];
    assertThat(read(file, 0, 100, end)).containsExactly("one@0");
    assertThat(end[0]).isEqualTo(4);

    Files.writeString(file, "one\ntwo\n");
    assertThat(read(file, end[0], 100, end)).containsExactly("two@4");
    assertThat(end[0]).isEqualTo(8);
  }

  @Test
  void startsAtTheGivenOffset() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\ntwo\nthree\n");
    var end = new long[1];
    assertThat(read(file, 8, 100, end)).containsExactly("three@8");
  }

  @Test
  void skipsLinesLongerThanTheCapAndGoesOn() throws IOException {
    var longLine = "x".repeat(50);
    var file = Files.writeString(dir.resolve("a.jsonl"), "ok\n" + longLine + "\nafter\n");
    var end = new long[1];
    assertThat(read(file, 0, 10, end)).containsExactly("ok@0", "<oversize 3+50>", "after@54");
    assertThat(end[0]).isEqualTo(60);
  }

  @Test
  void aLineExactlyAtTheCapIsKept() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "0123456789\n01234567890\n");
    var end = new long[1];
    assertThat(read(file, 0, 10, end)).containsExactly("0123456789@0", "<oversize 11+11>");
  }

  @Test
  void anOversizeLineLongerThanTheBufferIsSkippedWithBoundedMemory() throws IOException {
    // 10 MB line, 1 KiB cap: the reader never holds more than cap + 1 bytes of it.
    var big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'y');
    var file = dir.resolve("a.jsonl");
    try (var out = Files.newOutputStream(file)) {
      out.write("first\n".getBytes(UTF_8));
      out.write(big);
      out.write("\nlast\n".getBytes(UTF_8));
    }
    var end = new long[1];
    assertThat(read(file, 0, 1024, end))
        .containsExactly(
            "first@0", "<oversize 6+" + big.length + ">", "last@" + (6 + big.length + 1));
  }

  @Test
  void aPartialOversizeLineIsLeftForLater() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "ok\n" + "z".repeat(40));
    var end = new long[1];
    assertThat(read(file, 0, 10, end)).containsExactly("ok@0");
    assertThat(end[0]).isEqualTo(3);
  }

  @Test
  void linesLongerThanTheInitialBufferAreReadWhole() throws IOException {
    var line = "q".repeat(3 * 1024 * 1024);
    var file = Files.writeString(dir.resolve("a.jsonl"), line + "\nnext\n");
    var end = new long[1];
    var lines = read(file, 0, 4 * 1024 * 1024, end);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).hasSize(line.length() + 2).startsWith("qqq").endsWith("@0");
    assertThat(lines.get(1)).isEqualTo("next@" + (line.length() + 1));
  }

  @Test
  void findsEveryNewlineWhereverItFallsInAWord() throws IOException {
    // Lines of every length from 0 to 40 exercise each byte position of the 8-byte scan,
    // with bytes that look like a newline to a careless bit trick (0x0B, 0x8A, 0x09) around them.
    var text = new StringBuilder();
    var expected = new java.util.ArrayList<String>();
    long offset = 0;
    for (int length = 0; length <= 40; length++) {
      var line = "\u000b\t".repeat(length).substring(0, length);
      expected.add(line + "@" + offset);
      text.append(line).append('\n');
      offset += line.length() + 1;
    }
    var file = Files.writeString(dir.resolve("a.jsonl"), text.toString());
    var end = new long[1];
    assertThat(read(file, 0, 100, end)).containsExactlyElementsOf(expected);
    var high =
        new byte[] {(byte) 0x8A, (byte) 0x8A, 'a', (byte) 0x8A, 'b', 'c', 'd', 'e', 'f', '\n'};
    var binary = Files.write(dir.resolve("b.jsonl"), high);
    assertThat(read(binary, 0, 100, end)).hasSize(1);
    assertThat(end[0]).isEqualTo(10);
  }

  @Test
  void anEmptyFileHasNoLines() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "");
    var end = new long[1];
    assertThat(read(file, 0, 10, end)).isEmpty();
    assertThat(end[0]).isZero();
  }

  @Test
  void refusesANonPositiveCap() {
    assertThatThrownBy(() -> LineReader.open(dir.resolve("x"), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line cap must be at least 1 byte, was 0");
  }
}
