package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Excerpts and bounded inputs never split a character and always count every byte. */
class BoundedTextTest {

  @Test
  void anExcerptStopsBeforeACharacterThatWouldNotFit() {
    var excerpt = new TextExcerpt(6);
    var chars = "ab😀é".toCharArray();

    excerpt.append(chars, 0, chars.length);

    assertThat(excerpt.text()).isEqualTo("ab😀");
    assertThat(excerpt.totalBytes()).isEqualTo(8);
  }

  @Test
  void anExcerptCountsPiecesAfterItIsFull() {
    var excerpt = new TextExcerpt(3);

    excerpt.append("abcd");
    excerpt.append("é");
    excerpt.append("\uD800");

    assertThat(excerpt.text()).isEqualTo("abc");
    // A lone surrogate counts as the 3-byte replacement character an encoder writes.
    assertThat(excerpt.totalBytes()).isEqualTo(4 + 2 + 3);
  }

  @Test
  void aPrefixKeepsWholeCharacters() {
    assertThat(TextExcerpt.prefix("€€€", 7)).isEqualTo("€€");
    assertThat(TextExcerpt.prefix("short", 2048)).isEqualTo("short");
  }

  @Test
  void aBoundedInputWithinTheLimitIsKeptWhole() {
    var out = new BoundedJson(8);
    out.write(bytes("{\"a\":1}"), 0, 7);

    assertThat(out.text()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aBoundedInputDropsTheCharacterTheLimitCutsThrough() {
    var out = new BoundedJson(8);
    var json = bytes("{\"a\":\"😀😀\"}");
    out.write(json, 0, 5);
    out.write(json, 5, json.length - 5);

    // 8 bytes would end inside the first emoji; it goes: 16 - 6 bytes are cut.
    assertThat(out.text()).isEqualTo("{\"a\":\"…[truncated 10 bytes]");
  }

  @Test
  void aBoundedInputCutExactlyAtACharacterEndKeepsIt() {
    var out = new BoundedJson(10);
    var json = bytes("{\"a\":\"😀😀\"}");
    out.write(json, 0, json.length);

    assertThat(out.text()).isEqualTo("{\"a\":\"😀…[truncated 6 bytes]");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
