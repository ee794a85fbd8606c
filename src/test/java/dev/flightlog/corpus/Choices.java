package dev.flightlog.corpus;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random choices of one session, with the proportions and sizes the generator aims for:
 * prompts, models, tool calls and their outcomes, output sizes and token usage.
 */
final class Choices {
  private static final List<String> PROMPTS =
      List.of(
          "Fix the failing test in the parser module",
          "Add pagination to the users endpoint and update the API docs",
          "Why does the build fail on CI but not locally?",
          "Refactor the config loader to use records and remove the setters",
          "Write integration tests for the retry logic",
          "Review my last commit for bugs and missing error handling",
          "Upgrade the HTTP client and fix the deprecation warnings",
          "The dashboard is slow when there are many rows. Profile it and make it faster.",
          "Explain how the session store expires entries",
          "Add a --dry-run flag to the import command",
          "Find where we leak file handles",
          "Rename the Handler interface to Route everywhere");

  private final SplittableRandom random;
  private final Ids ids;
  private final Tools tools;
  private final boolean small;

  Choices(SplittableRandom random, Ids ids, Tools tools, boolean small) {
    this.random = random;
    this.ids = ids;
    this.tools = tools;
    this.small = small;
  }

  /** The next tool call: a tool drawn by weight, then an outcome that tool can have. */
  ToolCall nextCall(boolean main) {
    int roll = random.nextInt(1_000);
    Outcome outcome;
    if (roll < 880) {
      outcome = Outcome.OK;
    } else if (roll < 965) {
      outcome = Outcome.ERROR;
    } else if (roll < 975) {
      outcome = Outcome.DENIED_BY_USER;
    } else if (roll < 985) {
      outcome = Outcome.DENIED_BY_RULE;
    } else if (roll < 990) {
      outcome = Outcome.INTERRUPTED;
    } else if (roll < 995) {
      outcome = Outcome.UNKNOWN_TOOL;
    } else {
      outcome = Outcome.INVALID_INPUT;
    }
    String tool =
        main && !small && random.nextInt(50) == 0
            ? "Agent"
            : Tools.WEIGHTED.get(random.nextInt(Tools.WEIGHTED.size()));
    tool =
        switch (outcome) {
          case OK -> tool;
          case ERROR -> tool.equals("Agent") || tool.equals("TodoWrite") ? "Bash" : tool;
          case DENIED_BY_USER -> tool.equals("Edit") || tool.equals("Bash") ? tool : "Write";
          case DENIED_BY_RULE, INTERRUPTED -> "Bash";
          case UNKNOWN_TOOL -> Tools.UNKNOWN.get(random.nextInt(Tools.UNKNOWN.size()));
          case INVALID_INPUT -> "Read";
        };
    return new ToolCall(ids.toolUseId(), tool, outcome, outputBytes(), tools.target(tool));
  }

  /** Mostly small outputs, some of a few KB, a few of 10–150 KB (only small ones if small). */
  int outputBytes() {
    int roll = random.nextInt(100);
    if (roll < 70 || small) {
      return 20 + random.nextInt(800);
    } else if (roll < 92) {
      return 1_000 + random.nextInt(7_000);
    }
    return 10_000 + random.nextInt(140_000);
  }

  /**
   * Usage of one request: fresh input 1–5k, a cache read that grows with the conversation
   * (5k–150k), a cache write of up to 20k split between the 5-minute and 1-hour lifetimes, and
   * 20–4k output tokens.
   */
  Tokens tokens(int round, long conversation, boolean last) {
    long input = 1L + random.nextInt(5_000);
    long cacheRead = Math.max(5_000, Math.min(150_000, conversation));
    long write = round == 0 ? 2_000 + random.nextInt(18_000) : random.nextInt(6_000);
    long write1h;
    int split = random.nextInt(10);
    if (split < 7) {
      write1h = 0;
    } else if (split < 9) {
      write1h = write;
    } else {
      write1h = write / 3;
    }
    long output = last ? 200 + random.nextInt(3_800) : 20 + random.nextInt(1_500);
    return new Tokens(input, output, cacheRead, write - write1h, write1h);
  }

  String promptText() {
    String text = pick(PROMPTS);
    if (random.nextInt(10) == 0) {
      return text + ":\n\n" + Filler.plainLines(random, 5 + random.nextInt(40));
    }
    return text;
  }

  Model pickModel() {
    int roll = random.nextInt(100);
    if (roll < 50) {
      return Model.SONNET_4_5;
    } else if (roll < 82) {
      return Model.OPUS_4_5;
    } else if (roll < 94) {
      return Model.HAIKU_4_5;
    }
    return Model.OPUS_5_5;
  }

  /** Failures before the first success, with success probability {@code p}. */
  int geometric(double p) {
    int count = 0;
    while (random.nextDouble() >= p && count < 1_000) {
      count++;
    }
    return count;
  }

  String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
