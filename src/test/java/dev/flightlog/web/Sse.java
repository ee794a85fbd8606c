package dev.flightlog.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Server-Sent Events client on a raw socket, reading the stream block by block. */
final class Sse implements AutoCloseable {

  /** One event: its id (or null), name (or null for a message) and data. */
  record Event(@Nullable String id, @Nullable String name, String data) {}

  final RawHttp http;
  final RawHttp.Response head;
  private final BufferedReader reader;

  private Sse(RawHttp http, RawHttp.Response head) {
    this.http = http;
    this.head = head;
    this.reader =
        new BufferedReader(new InputStreamReader(http.body(head), StandardCharsets.UTF_8));
  }

  static Sse open(Running running, String target, Map<String, String> headers) throws IOException {
    return open(new RawHttp(running.port()), target, headers);
  }

  static Sse open(RawHttp http, String target, Map<String, String> headers) throws IOException {
    var all = new HashMap<String, @Nullable String>(headers);
    all.put("Accept", "text/event-stream");
    http.send("GET", target, all, new byte[0]);
    return new Sse(http, http.readHead());
  }

  /** The lines of the next block (up to a blank line), or null at the end of the stream. */
  @Nullable List<String> block() throws IOException {
    var lines = new ArrayList<String>();
    for (var line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isEmpty()) {
        if (!lines.isEmpty()) {
          return lines;
        }
        continue;
      }
      lines.add(line);
    }
    return lines.isEmpty() ? null : lines;
  }

  /** The next event, skipping comments and retry hints; fails at the end of the stream. */
  Event event() throws IOException {
    while (true) {
      var block = block();
      if (block == null) {
        throw new AssertionError("the stream ended");
      }
      String id = null;
      String name = null;
      String data = null;
      for (var line : block) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (data != null) {
        return new Event(id, name, data);
      }
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
