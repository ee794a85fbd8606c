package dev.flightlog.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bare HTTP/1.1 client on one kept-alive socket: the test sees exactly what goes over the wire
 * (no client adds or hides a header), and can stop reading to play a slow client.
 */
final class RawHttp implements AutoCloseable {

  /** A response: status, headers (names lower case) and the whole body. */
  @SuppressWarnings("ArrayRecordComponent") // the bytes as they came over the wire
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int port;

  RawHttp(int port) throws IOException {
    this(port, 0);
  }

  /** With a receive buffer of the given size (0 for the system's), set before connecting. */
  RawHttp(int port, int receiveBuffer) throws IOException {
    this.port = port;
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(20_000);
    socket.connect(new InetSocketAddress(LOOPBACK, port));
    in = new BufferedInputStream(socket.getInputStream(), 65536);
    out = socket.getOutputStream();
  }

  /** The default Host header value for this server. */
  String host() {
    return "127.0.0.1:" + port;
  }

  /** Sends a request: Host is added unless given (a null value leaves it out entirely). */
  void send(String method, String target, Map<String, @Nullable String> headers, byte[] body)
      throws IOException {
    var head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    if (!headers.containsKey("Host")) {
      head.append("Host: ").append(host()).append("\r\n");
    }
    boolean chunked = "chunked".equals(headers.get("Transfer-Encoding"));
    for (var header : headers.entrySet()) {
      if (header.getValue() != null) {
        head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
    }
    if (!chunked
        && !headers.containsKey("Content-Length")
        && (body.length > 0 || method.equals("POST"))) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (chunked) {
      out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(body);
    }
    out.flush();
  }

  Response exchange(
      String method, String target, Map<String, @Nullable String> headers, byte[] body)
      throws IOException {
    send(method, target, headers, body);
    return read();
  }

  Response post(String target, String contentType, String body) throws IOException {
    return exchange(
        "POST", target, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  Response get(String target) throws IOException {
    return exchange("GET", target, Map.of(), new byte[0]);
  }

  /** Reads one whole response. */
  Response read() throws IOException {
    var head = readHead();
    var body = body(head).readAllBytes();
    return new Response(head.status(), head.headers(), body);
  }

  /** Reads a response's status and headers, leaving the body to {@link #body}. */
  Response readHead() throws IOException {
    var status = line();
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    var headers = new LinkedHashMap<String, String>();
    for (var line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    return new Response(Integer.parseInt(status.split(" ", -1)[1]), headers, new byte[0]);
  }

  /** The body of a response whose head was read: de-chunked, or bounded by its length. */
  InputStream body(Response head) {
    if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
      return new Chunked();
    }
    var length = head.header("Content-Length");
    long remaining = length == null ? 0 : Long.parseLong(length);
    return new InputStream() {
      long left = remaining;

      @Override
      public int read() throws IOException {
        if (left == 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        if (left == 0) {
          return -1;
        }
        int n = in.read(buffer, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  /** Whether the server closed the connection (a read sees the end of the stream). */
  boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  private @Nullable String line() throws IOException {
    var buffer = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        var text = buffer.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      buffer.write(b);
    }
    return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
  }

  /** A chunked body, decoded. */
  private final class Chunked extends InputStream {
    private long left;
    private boolean done;

    @Override
    public int read() throws IOException {
      var one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        var size = line();
        if (size == null) {
          done = true;
          return -1;
        }
        if (size.isEmpty()) {
          size = line();
        }
        if (size == null) {
          done = true;
          return -1;
        }
        left = Long.parseLong(size.strip(), 16);
        if (left == 0) {
          line();
          done = true;
          return -1;
        }
      }
      int n = in.read(buffer, off, (int) Math.min(len, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      if (left == 0) {
        line();
      }
      return n;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
