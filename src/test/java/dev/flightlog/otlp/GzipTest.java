package dev.flightlog.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Request bodies are inflated up to a cap and no further, whatever they claim to hold. */
class GzipTest {

  private static byte[] gzip(byte[] bytes) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void aBodyWithinTheCapInflatesToItsBytes() throws IOException {
    var body = "{\"resourceLogs\":[]}".repeat(1000).getBytes(StandardCharsets.UTF_8);
    assertThat(Gzip.inflate(gzip(body), body.length)).isEqualTo(body);
    assertThat(Gzip.inflate(gzip(body), 1 << 20)).isEqualTo(body);
    assertThat(Gzip.inflate(gzip(new byte[0]), 0)).isEmpty();
  }

  @Test
  void oneByteOverTheCapIsRejected() throws IOException {
    var body = new byte[5000];
    Arrays.fill(body, (byte) 'a');
    assertThatThrownBy(() -> Gzip.inflate(gzip(body), 4999))
        .isInstanceOf(OtlpException.class)
        .hasMessage("gzip body inflates beyond 4999 bytes");
  }

  @Test
  void aGzipBombStopsAtTheCap() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      var zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        gzip.write(zeros);
      }
    }
    var bomb = out.toByteArray();
    assertThat(bomb.length).as("a gigabyte of zeros, compressed").isLessThan(2 << 20);
    long started = System.nanoTime();
    assertThatThrownBy(() -> Gzip.inflate(bomb, 8 << 20))
        .isInstanceOf(OtlpException.class)
        .hasMessage("gzip body inflates beyond 8388608 bytes");
    assertThat((System.nanoTime() - started) / 1e9)
        .as("seconds: stops at the cap instead of inflating the gigabyte")
        .isLessThan(5);
  }

  @Test
  void whatIsNotGzipOrIsCutOffIsMalformed() throws IOException {
    assertThatThrownBy(() -> Gzip.inflate("{}".getBytes(StandardCharsets.UTF_8), 100))
        .isInstanceOf(OtlpException.class)
        .hasMessage("malformed gzip body: Not in GZIP format");
    var whole = gzip("hello, hello, hello".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Gzip.inflate(Arrays.copyOf(whole, whole.length - 6), 100))
        .isInstanceOf(OtlpException.class)
        .hasMessage("malformed gzip body: cut off before its end");
    assertThatThrownBy(() -> Gzip.inflate(new byte[0], 100))
        .isInstanceOf(OtlpException.class)
        .hasMessage("malformed gzip body: cut off before its end");
  }
}
