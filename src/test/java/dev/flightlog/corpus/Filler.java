package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A few megabytes of source-code-like ASCII text, already escaped as JSON string content, from
 * which tool outputs, file contents and system prompts are cut. Copying pre-escaped slices keeps
 * generation at memory speed. Every cut is valid JSON string content: the only backslashes in the
 * text start two-byte escapes, and a cut is moved off the middle of one.
 */
final class Filler {
  /** The longest slice handed out; larger requests are capped. */
  static final int MAX_SLICE = 1 << 19;

  private static final String[] LINES = {
    "import java.util.concurrent.ConcurrentHashMap;",
    "public final class RequestHandler implements Handler {",
    "  private final Map<String, Session> sessions = new ConcurrentHashMap<>();",
    "  @Override",
    "  public Response handle(Request request) throws IOException {",
    "    if (request.body() == null) {",
    "      throw new IllegalArgumentException(\"empty body at \" + request.path());",
    "    }",
    "    var session = sessions.computeIfAbsent(request.sessionId(), Session::new);",
    "    return session.apply(request);",
    "  }",
    "}",
    "export async function loadConfig(path: string): Promise<Config> {",
    "  const raw = await fs.readFile(path, 'utf8');",
    "  return JSON.parse(raw) as Config;",
    "def parse_line(line: str) -> dict:",
    "    if not line.strip():",
    "        return {}",
    "    return json.loads(line)",
    "  PASS  src/components/Button.test.tsx (3.2 s)",
    "[INFO] Tests run: 42, Failures: 0, Errors: 0, Skipped: 1",
    "error[E0382]: borrow of moved value: `buffer`",
    "drwxr-xr-x  5 dev dev  4096 Oct 12 09:14 src",
    "-rw-r--r--  1 dev dev 18231 Oct 12 09:14 README.md",
    "    at dev.example.server.Router.dispatch(Router.java:118)",
    "SELECT id, name, created_at FROM users WHERE org_id = ? ORDER BY created_at DESC;",
    "  \"dependencies\": {\"react\": \"^19.1.0\", \"zod\": \"^3.25.0\"},",
    "On branch main\tYour branch is up to date with 'origin/main'.",
    "// Keeps at most one connection per host; see RATIONALE.md for why.",
    "      - name: Run tests",
    "        run: ./mvnw -B verify",
    "func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {",
    "\tif err := s.authorize(r); err != nil {",
    "\t\thttp.Error(w, err.Error(), http.StatusUnauthorized)",
    "The tool reads the file in chunks and reports the first malformed line it finds.",
    "Use absolute paths; the working directory is reset between calls in subagents.",
  };

  private final byte[] text;

  private Filler(byte[] text) {
    this.text = text;
  }

  /** Builds the text from a fixed seed, so it is the same for every corpus. */
  static Filler build(int size) {
    var random = new SplittableRandom(0x5EEDL);
    var out = new StringBuilder(size + 256);
    while (out.length() < size) {
      int indent = random.nextInt(4);
      for (int i = 0; i < indent; i++) {
        out.append("  ");
      }
      escape(LINES[random.nextInt(LINES.length)], out);
      out.append("\\n");
    }
    out.append('.');
    var bytes = new byte[out.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) out.charAt(i);
    }
    return new Filler(bytes);
  }

  /** Escapes quotes and tabs; the lines above contain no backslashes, which the cuts rely on. */
  private static void escape(String line, StringBuilder out) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
  }

  /** {@code count} random lines of the underlying (unescaped) text, joined by newlines. */
  static String plainLines(SplittableRandom random, int count) {
    var out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(LINES[random.nextInt(LINES.length)]);
    }
    return out.toString();
  }

  /** Chooses a cut of about {@code length} bytes (at least one). */
  Slice slice(SplittableRandom random, int length) {
    int len = Math.max(1, Math.min(length, Math.min(MAX_SLICE, text.length - 4)));
    int start = random.nextInt(text.length - len - 2);
    // The escapes here are two bytes and there are no escaped backslashes, so a backslash
    // before the cut means the cut would start in the middle of one.
    if (start > 0 && text[start - 1] == '\\') {
      start++;
    }
    int end = start + len;
    if (text[end - 1] == '\\') {
      end++;
    }
    return new Slice(start, end);
  }

  /** Writes a cut as a JSON string value. */
  void write(JsonGenerator gen, Slice slice) throws IOException {
    gen.writeRawUTF8String(text, slice.start(), slice.length());
  }

  /** Writes a fresh cut of about {@code length} bytes as a JSON string value. */
  void write(JsonGenerator gen, SplittableRandom random, int length) throws IOException {
    write(gen, slice(random, length));
  }
}
