package dev.flightlog.install;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line, with three lines of context. */
final class Diff {

  private static final int CONTEXT = 3;

  /** Beyond this many line pairs the diff is printed as all of before, then all of after. */
  private static final long MAX_CELLS = 16_000_000L;

  private Diff() {}

  private record Line(char op, String text, int oldLine, int newLine) {}

  static String unified(String before, String after, String fromLabel, String toLabel) {
    if (before.equals(after)) {
      return "";
    }
    var a = lines(before);
    var b = lines(after);
    var script = script(a, b);
    var out = new StringBuilder();
    out.append("--- ").append(fromLabel).append('\n');
    out.append("+++ ").append(toLabel).append('\n');
    int i = 0;
    while (i < script.size()) {
      if (script.get(i).op() == ' ') {
        i++;
        continue;
      }
      // A hunk runs from this change to the last change that follows within 2 * CONTEXT lines.
      int last = i;
      for (int k = i + 1; k < script.size() && k - last <= 2 * CONTEXT + 1; k++) {
        if (script.get(k).op() != ' ') {
          last = k;
        }
      }
      int start = Math.max(0, i - CONTEXT);
      int end = Math.min(script.size(), last + 1 + CONTEXT);
      hunk(script.subList(start, end), out);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(List<Line> lines, StringBuilder out) {
    int oldCount = 0;
    int newCount = 0;
    for (var line : lines) {
      oldCount += line.op() == '+' ? 0 : 1;
      newCount += line.op() == '-' ? 0 : 1;
    }
    var first = lines.get(0);
    out.append("@@ -")
        .append(oldCount == 0 ? first.oldLine() - 1 : first.oldLine())
        .append(',')
        .append(oldCount)
        .append(" +")
        .append(newCount == 0 ? first.newLine() - 1 : first.newLine())
        .append(',')
        .append(newCount)
        .append(" @@\n");
    for (var line : lines) {
      out.append(line.op()).append(line.text()).append('\n');
    }
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    var lines = List.of(text.split("\n", -1));
    return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
  }

  /** The edit script: a longest common subsequence, kept lines ' ', removed '-', added '+'. */
  private static List<Line> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    var script = new ArrayList<Line>();
    if ((long) n * m > MAX_CELLS) {
      for (int i = 0; i < n; i++) {
        script.add(new Line('-', a.get(i), i + 1, 1));
      }
      for (int j = 0; j < m; j++) {
        script.add(new Line('+', b.get(j), n + 1, j + 1));
      }
      return script;
    }
    var lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        script.add(new Line(' ', a.get(i), i + 1, j + 1));
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        script.add(new Line('-', a.get(i), i + 1, j + 1));
        i++;
      } else {
        script.add(new Line('+', b.get(j), i + 1, j + 1));
        j++;
      }
    }
    return script;
  }
}
