package dev.flightlog.tail;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Reads the complete lines of a file from a byte offset, in order, with memory bounded by the line
 * cap. A line longer than the cap is skipped without being held in memory and reported as {@link
 * Line.Oversize}. A last line without its newline is not returned: {@link #offset()} stays at its
 * start, so it is read once it is complete. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {

  /** One line, or the report of one skipped because it was too long. */
  public sealed interface Line {
    /**
     * A complete line without its newline: {@code buffer[offset, offset + length)}. The buffer is
     * the reader's own, valid until the next call to {@link #next()}: lines are not copied.
     */
    @SuppressWarnings("ArrayRecordComponent") // a zero-copy view of the read buffer, by design
    record Complete(byte[] buffer, int offset, int length, long start) implements Line {}

    /** A line of {@code length} bytes starting at {@code start}, longer than the cap. */
    record Oversize(long start, long length) implements Line {}
  }

  private static final int INITIAL_BUFFER = 1 << 20;
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final FileChannel channel;
  private final int cap;
  private byte[] buffer;
  private int start;
  private int end;
  private int scanned;
  private long bufferOffset;

  private LineReader(FileChannel channel, long offset, int cap) {
    this.channel = channel;
    this.cap = cap;
    this.buffer = new byte[Math.min(INITIAL_BUFFER, cap + 1)];
    this.bufferOffset = offset;
  }

  /**
   * Opens the file for reading from {@code offset}.
   *
   * @param cap the longest line, in bytes without its newline, that is returned; longer ones are
   *     skipped
   */
  public static LineReader open(Path path, long offset, int cap) throws IOException {
    if (cap < 1) {
      throw new IllegalArgumentException("line cap must be at least 1 byte, was " + cap);
    }
    var channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new LineReader(channel, offset, cap);
  }

  /** The byte offset just past the last line returned (or skipped). */
  public long offset() {
    return bufferOffset + start;
  }

  /** The next line, or null when no complete line is left. */
  public @Nullable Line next() throws IOException {
    while (true) {
      int newline = indexOfNewline(scanned, end);
      if (newline >= 0) {
        var line = new Line.Complete(buffer, start, newline - start, bufferOffset + start);
        start = newline + 1;
        scanned = start;
        return line;
      }
      scanned = end;
      if (end - start > cap) {
        return skipOversize();
      }
      if (!fill()) {
        return null;
      }
    }
  }

  /** Discards the current line up to its newline; returns null if the file ends first. */
  private @Nullable Line skipOversize() throws IOException {
    long lineStart = bufferOffset + start;
    long length = (long) end - start;
    start = end;
    scanned = end;
    while (true) {
      if (!fill()) {
        // The line is not finished: forget what was read so it is looked at again later.
        bufferOffset = lineStart;
        start = 0;
        end = 0;
        scanned = 0;
        channel.position(lineStart);
        return null;
      }
      int newline = indexOfNewline(start, end);
      if (newline >= 0) {
        length += newline - start;
        start = newline + 1;
        scanned = start;
        return new Line.Oversize(lineStart, length);
      }
      length += end - start;
      start = end;
      scanned = end;
    }
  }

  /**
   * Moves the unread bytes to the front, grows the buffer when a line needs it (never past the cap
   * plus one byte, enough to know a line is too long), and reads more. False at end of file.
   */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      bufferOffset += start;
      end -= start;
      scanned -= start;
      start = 0;
    }
    if (end == buffer.length) {
      int grown = (int) Math.min((long) cap + 1, Math.max(buffer.length * 2L, 1));
      if (grown > buffer.length) {
        var larger = new byte[grown];
        System.arraycopy(buffer, 0, larger, 0, end);
        buffer = larger;
      } else {
        // A full buffer at the cap: the caller sees a line longer than the cap.
        return true;
      }
    }
    int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
    if (read <= 0) {
      return false;
    }
    end += read;
    return true;
  }

  /**
   * The index of the first newline in {@code buffer[from, to)}, or -1. Reads eight bytes at a time
   * and finds a newline byte in the word with the classic "has zero byte" bit trick, so the scan
   * runs several times faster than a byte loop; the lowest flagged byte is always a real match.
   */
  private int indexOfNewline(int from, int to) {
    var bytes = buffer;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) WORDS.get(bytes, i) ^ NEWLINES;
      long zeros = (word - ONES) & ~word & HIGH_BITS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
