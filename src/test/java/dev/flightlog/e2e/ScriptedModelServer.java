package dev.flightlog.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Messages-API model server on {@code 127.0.0.1}, port 0, that answers from a {@link Script}:
 * {@code POST /v1/messages} (streamed as server-sent events, or as one JSON message when the
 * request says {@code "stream": false}), {@code POST /v1/messages/count_tokens} (a quarter of the
 * body's bytes), {@code GET /v1/models} and the CLI's start-up check {@code HEAD /api/hello}. Every
 * request is recorded; anything it cannot answer from the script is answered harmlessly (a short
 * text that ends the turn, or a 404) and listed in {@link #problems()}, which a test asserts empty.
 */
public final class ScriptedModelServer implements AutoCloseable {

  /** The model id {@code /v1/models} lists and non-streamed answers name by default. */
  public static final String MODEL = "claude-opus-5-5";

  /** What the CLI puts into the first system block of a subagent's requests. */
  static final String SUBAGENT_MARK = "cc_is_subagent=true";

  private final Script script;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  /** A request as it arrived, and what it was taken to be. */
  public record RecordedRequest(
      Instant at,
      String method,
      String uri,
      Map<String, String> headers,
      String body,
      boolean subagent,
      @Nullable String marker,
      int turn,
      int status) {

    /** The request body as JSON, or null when it is not JSON. */
    public @Nullable Object json() {
      try {
        return body.isEmpty() ? null : Json.parse(body);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isMessages() {
      return method.equals("POST") && path().equals("/v1/messages");
    }

    public String path() {
      int query = uri.indexOf('?');
      return query < 0 ? uri : uri.substring(0, query);
    }
  }

  /**
   * A scripted reply the server sent: the ids it carried and the turn of which conversation it was.
   */
  public record Served(
      String messageId,
      String requestId,
      String marker,
      boolean subagent,
      int turn,
      Turn.Reply reply,
      @Nullable String sessionHeader) {}

  private ScriptedModelServer(Script script) throws IOException {
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server that answers from {@code script}; close it when done. */
  public static ScriptedModelServer start(Script script) {
    try {
      return new ScriptedModelServer(script);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the scripted model server: " + e, e);
    }
  }

  /** The value for {@code ANTHROPIC_BASE_URL}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public Script script() {
    return script;
  }

  /** Every request received, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every scripted reply sent, in order. */
  public List<Served> served() {
    return List.copyOf(served);
  }

  /**
   * Requests the script could not answer: unknown paths, prompts no conversation claims, turns past
   * a conversation's end. Empty when the CLI did exactly what the test expected.
   */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The sum of the usage of every reply served, for checking token totals exactly. */
  public TurnUsage servedUsage() {
    return served.stream().map(s -> s.reply().usage()).reduce(TurnUsage.ZERO, TurnUsage::plus);
  }

  /** The tool calls of every reply served, each once (a retried turn repeats its ids). */
  public List<Block.ToolUse> servedToolUses() {
    var byId = new LinkedHashMap<String, Block.ToolUse>();
    for (var reply : served) {
      for (var use : reply.reply().toolUses()) {
        byId.putIfAbsent(use.id(), use);
      }
    }
    return List.copyOf(byId.values());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var method = exchange.getRequestMethod();
      var uri = exchange.getRequestURI().toString();
      var path = exchange.getRequestURI().getPath();
      var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var headers = new LinkedHashMap<String, String>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      var at = Instant.now();
      if (method.equals("POST") && path.equals("/v1/messages")) {
        messages(exchange, at, uri, headers, body);
      } else if (method.equals("POST") && path.equals("/v1/messages/count_tokens")) {
        record(at, method, uri, headers, body, false, null, -1, 200);
        json(
            exchange,
            200,
            Map.of("input_tokens", body.getBytes(StandardCharsets.UTF_8).length / 4));
      } else if (method.equals("GET") && path.startsWith("/v1/models")) {
        record(at, method, uri, headers, body, false, null, -1, 200);
        var model = model(MODEL);
        json(
            exchange,
            200,
            path.equals("/v1/models")
                ? Map.of(
                    "data", List.of(model), "has_more", false, "first_id", MODEL, "last_id", MODEL)
                : model);
      } else if (path.equals("/api/hello")) {
        // The CLI's connectivity check at start-up (a HEAD request).
        record(at, method, uri, headers, body, false, null, -1, 200);
        exchange.sendResponseHeaders(200, -1);
      } else {
        record(at, method, uri, headers, body, false, null, -1, 404);
        problems.add("unexpected request " + method + " " + uri);
        error(exchange, new Turn.Failure(404, "not_found_error", "no such endpoint: " + path));
      }
    } catch (RuntimeException e) {
      problems.add("server error: " + e);
      throw e;
    }
  }

  private static Map<String, Object> model(String id) {
    return Map.of(
        "type",
        "model",
        "id",
        id,
        "display_name",
        "Scripted " + id,
        "created_at",
        "2026-01-01T00:00:00Z");
  }

  private void messages(
      HttpExchange exchange, Instant at, String uri, Map<String, String> headers, String body)
      throws IOException {
    var request = Json.parse(body);
    var subagent = firstSystemText(request).contains(SUBAGENT_MARK);
    var messages = Json.list(request, "messages");
    var session = headers.get("x-claude-code-session-id");

    // The latest prompt some conversation claims, and the assistant messages since it.
    Script.Conversation conversation = null;
    int assistants = 0;
    for (int i = messages.size() - 1; i >= 0 && conversation == null; i--) {
      var message = messages.get(i);
      if ("assistant".equals(Json.string(message, "role"))) {
        assistants++;
      } else if ("user".equals(Json.string(message, "role"))) {
        conversation = script.find(promptText(message), subagent);
      }
    }
    var model = Json.string(request, "model");
    var stream = !Boolean.FALSE.equals(Json.at(request, "stream"));
    if (conversation == null) {
      record(at, "POST", uri, headers, body, subagent, null, -1, 200);
      problems.add(
          "no conversation of the script claims this "
              + (subagent ? "subagent" : "main-agent")
              + " request; its last user message: "
              + Json.abbreviate(
                  messages.isEmpty() ? "(none)" : promptText(messages.get(messages.size() - 1))));
      var fallback = Turn.text("The scripted model has no answer for this prompt.");
      send(exchange, fallback.withUsage(TurnUsage.ZERO), model, stream);
      return;
    }
    int turn = assistants;
    if (turn >= conversation.turns().size()) {
      record(at, "POST", uri, headers, body, subagent, conversation.marker(), turn, 200);
      problems.add(
          "conversation '"
              + conversation.marker()
              + "' has "
              + conversation.turns().size()
              + " turns but the CLI asked for turn "
              + turn);
      send(
          exchange, Turn.text("The script is exhausted.").withUsage(TurnUsage.ZERO), model, stream);
      return;
    }
    switch (conversation.turns().get(turn)) {
      case Turn.Failure failure -> {
        record(
            at,
            "POST",
            uri,
            headers,
            body,
            subagent,
            conversation.marker(),
            turn,
            failure.status());
        error(exchange, failure);
      }
      case Turn.Reply reply -> {
        var key = session + "|" + subagent + "|" + conversation.marker() + "|" + turn;
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        if (attempt < reply.failuresFirst().size()) {
          var failure = reply.failuresFirst().get(attempt);
          record(
              at,
              "POST",
              uri,
              headers,
              body,
              subagent,
              conversation.marker(),
              turn,
              failure.status());
          error(exchange, failure);
          return;
        }
        record(at, "POST", uri, headers, body, subagent, conversation.marker(), turn, 200);
        var ids = send(exchange, reply, model, stream);
        served.add(
            new Served(ids[0], ids[1], conversation.marker(), subagent, turn, reply, session));
      }
    }
  }

  /** The text of the first system block (or of a plain-string system prompt). */
  private static String firstSystemText(@Nullable Object request) {
    var system = Json.at(request, "system");
    if (system instanceof String text) {
      return text;
    }
    var first = Json.string(system, 0, "text");
    return first == null ? "" : first;
  }

  /**
   * A user message's own text: its string content, or its text blocks joined. Text inside tool
   * results does not count, so a subagent's report never looks like a prompt.
   */
  static String promptText(Object message) {
    var content = Json.at(message, "content");
    if (content instanceof String text) {
      return text;
    }
    var text = new StringBuilder();
    for (var block : Json.list(content)) {
      if ("text".equals(Json.string(block, "type"))) {
        text.append(Json.string(block, "text")).append('\n');
      }
    }
    return text.toString();
  }

  private void record(
      Instant at,
      String method,
      String uri,
      Map<String, String> headers,
      String body,
      boolean subagent,
      @Nullable String marker,
      int turn,
      int status) {
    requests.add(
        new RecordedRequest(
            at, method, uri, Map.copyOf(headers), body, subagent, marker, turn, status));
  }

  private static void json(HttpExchange exchange, int status, Object value) throws IOException {
    var bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.getResponseHeaders().set("request-id", Ids.next("req_"));
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void error(HttpExchange exchange, Turn.Failure failure) throws IOException {
    json(
        exchange,
        failure.status(),
        Map.of(
            "type",
            "error",
            "error",
            Map.of("type", failure.type(), "message", failure.message())));
  }

  /**
   * Answers with {@code reply}, streamed or as one message.
   *
   * @return the message id and the request id sent
   */
  private static String[] send(
      HttpExchange exchange, Turn.Reply reply, @Nullable String model, boolean stream)
      throws IOException {
    var messageId = Ids.next("msg_");
    var requestId = Ids.next("req_");
    var name = model == null ? MODEL : model;
    exchange.getResponseHeaders().set("request-id", requestId);
    if (!stream) {
      var content = new ArrayList<Object>();
      for (var block : reply.blocks()) {
        content.add(wholeBlock(block));
      }
      var message =
          message(messageId, name, content, reply.stopReason(), usage(reply.usage(), false));
      var bytes = Json.write(message).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      return new String[] {messageId, requestId};
    }
    exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("cache-control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    var out = exchange.getResponseBody();
    // As the API does: message_start carries the input side of the usage and one output token;
    // message_delta carries the final counts.
    event(
        out,
        "message_start",
        Map.of(
            "type",
            "message_start",
            "message",
            message(messageId, name, List.of(), null, usage(reply.usage(), true))));
    event(out, "ping", Map.of("type", "ping"));
    for (int index = 0; index < reply.blocks().size(); index++) {
      streamBlock(out, index, reply.blocks().get(index));
    }
    var delta = new LinkedHashMap<String, @Nullable Object>();
    delta.put("stop_reason", reply.stopReason());
    delta.put("stop_sequence", null);
    event(
        out,
        "message_delta",
        Map.of("type", "message_delta", "delta", delta, "usage", usage(reply.usage(), false)));
    event(out, "message_stop", Map.of("type", "message_stop"));
    return new String[] {messageId, requestId};
  }

  private static Map<String, Object> message(
      String id, String model, List<Object> content, @Nullable String stopReason, Object usage) {
    var message = new LinkedHashMap<String, Object>();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    message.put("content", content);
    message.put("stop_reason", stopReason == null ? new Json.Raw("null") : stopReason);
    message.put("stop_sequence", new Json.Raw("null"));
    message.put("usage", usage);
    return message;
  }

  private static Map<String, Object> usage(TurnUsage usage, boolean start) {
    var map = new LinkedHashMap<String, Object>();
    map.put("input_tokens", usage.inputTokens());
    map.put("cache_creation_input_tokens", usage.cacheCreationTokens());
    map.put("cache_read_input_tokens", usage.cacheReadTokens());
    map.put(
        "cache_creation",
        Map.of(
            "ephemeral_5m_input_tokens", usage.cacheWrite5mTokens(),
            "ephemeral_1h_input_tokens", usage.cacheWrite1hTokens()));
    map.put("output_tokens", start ? Math.min(1, usage.outputTokens()) : usage.outputTokens());
    map.put("service_tier", "standard");
    return map;
  }

  private static Map<String, Object> wholeBlock(Block block) {
    return switch (block) {
      case Block.Text text -> Map.of("type", "text", "text", text.text());
      case Block.Thinking thinking ->
          Map.of("type", "thinking", "thinking", thinking.thinking(), "signature", "c2lnbmF0dXJl");
      case Block.ToolUse use ->
          Map.of(
              "type",
              "tool_use",
              "id",
              use.id(),
              "name",
              use.name(),
              "input",
              new Json.Raw(use.inputJson()));
    };
  }

  private static void streamBlock(OutputStream out, int index, Block block) throws IOException {
    switch (block) {
      case Block.Text text -> {
        start(out, index, Map.of("type", "text", "text", ""));
        for (var piece : halves(text.text())) {
          delta(out, index, Map.of("type", "text_delta", "text", piece));
        }
      }
      case Block.Thinking thinking -> {
        start(out, index, Map.of("type", "thinking", "thinking", "", "signature", ""));
        for (var piece : halves(thinking.thinking())) {
          delta(out, index, Map.of("type", "thinking_delta", "thinking", piece));
        }
        delta(out, index, Map.of("type", "signature_delta", "signature", "c2lnbmF0dXJl"));
      }
      case Block.ToolUse use -> {
        start(
            out,
            index,
            Map.of("type", "tool_use", "id", use.id(), "name", use.name(), "input", Map.of()));
        for (var piece : halves(use.inputJson())) {
          delta(out, index, Map.of("type", "input_json_delta", "partial_json", piece));
        }
      }
    }
    event(out, "content_block_stop", Map.of("type", "content_block_stop", "index", index));
  }

  /** A text in two pieces, as a stream delivers it (one piece when it is too short to split). */
  private static List<String> halves(String text) {
    if (text.length() < 2) {
      return List.of(text);
    }
    int middle = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
    return List.of(text.substring(0, middle), text.substring(middle));
  }

  private static void start(OutputStream out, int index, Map<String, Object> block)
      throws IOException {
    event(
        out,
        "content_block_start",
        Map.of("type", "content_block_start", "index", index, "content_block", block));
  }

  private static void delta(OutputStream out, int index, Map<String, Object> delta)
      throws IOException {
    event(
        out,
        "content_block_delta",
        Map.of("type", "content_block_delta", "index", index, "delta", delta));
  }

  private static void event(OutputStream out, String name, Map<String, Object> data)
      throws IOException {
    out.write(
        ("event: " + name + "\ndata: " + Json.write(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
