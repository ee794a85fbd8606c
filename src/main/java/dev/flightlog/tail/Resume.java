package dev.flightlog.tail;

/** What to do with a followed file, given its stored position and what it looks like now. */
public sealed interface Resume {

  /** Same size and modification time as when last read: nothing to read. */
  record Unchanged() implements Resume {}

  /** Read on from {@code offset}; the decoder continues from {@code state}. */
  record Continue(long offset, String state) implements Resume {}

  /**
   * Read from the start: the file is new, or it was truncated, replaced or rewritten since it was
   * last read. Records are merged by natural key, so reading again duplicates nothing.
   *
   * @param why {@code new}, {@code truncated}, {@code replaced} or {@code rewritten}
   */
  record Restart(String why) implements Resume {}
}
