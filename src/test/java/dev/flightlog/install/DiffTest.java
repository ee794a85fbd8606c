package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffTest {

  @Test
  void showsChangedLinesWithThreeLinesOfContextInHunks() {
    var before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
    var after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\n";
    assertThat(Diff.unified(before, after, "old", "new"))
        .isEqualTo(
            """
            --- old
            +++ new
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -12,3 +12,4 @@
             l
             m
             n
            +o
            """);
  }

  @Test
  void nearbyChangesShareAHunkAndACreatedFileStartsAtZero() {
    assertThat(Diff.unified("1\n2\n3\n4\n5\n", "1\nx\n3\n4\ny\n", "a", "b"))
        .isEqualTo(
            """
            --- a
            +++ b
            @@ -1,5 +1,5 @@
             1
            -2
            +x
             3
             4
            -5
            +y
            """);
    assertThat(Diff.unified("", "{}\n", "/dev/null", "f"))
        .isEqualTo("--- /dev/null\n+++ f\n@@ -0,0 +1,1 @@\n+{}\n");
    assertThat(Diff.unified("same\n", "same\n", "a", "b")).isEmpty();
  }
}
