package dev.flightlog.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes edits of a Claude Code settings file ({@code settings.json} or {@code
 * settings.local.json}): adding flightlog's hooks, or taking them out. A file that is not valid
 * JSON, or whose hooks are not shaped as Claude Code expects, is refused and never overwritten.
 */
public final class ClaudeSettings {

  private ClaudeSettings() {}

  /**
   * The edit that wires the file's Claude Code to flightlog as {@code wiring} says.
   *
   * @throws InstallException when the file cannot be read or is not a JSON object
   */
  public static SettingsEdit install(Path file, Wiring wiring) {
    var read = read(file);
    var root = read.root();
    var before = read.bytes() == null ? "" : JsonTree.write(root);
    var warnings = SettingsMerge.install(root, wiring, read.file().toString());
    return new SettingsEdit(read.file(), read.bytes(), before, JsonTree.write(root), warnings);
  }

  /**
   * The edit that takes out what flightlog added for the daemon at {@code addr} and the spooler
   * command {@code spoolerCommand}.
   *
   * @throws InstallException when the file cannot be read or is not a JSON object
   */
  public static SettingsEdit uninstall(Path file, String addr, String spoolerCommand) {
    var read = read(file);
    var root = read.root();
    if (read.bytes() == null) {
      return new SettingsEdit(read.file(), null, "", "", List.of()); // nothing to take out
    }
    var before = JsonTree.write(root);
    SettingsMerge.uninstall(root, addr, spoolerCommand);
    var after = JsonTree.write(root);
    return new SettingsEdit(read.file(), read.bytes(), before, after, List.of());
  }

  @SuppressWarnings("ArrayRecordComponent") // the file's bytes, compared once with Arrays.equals
  private record Read(Path file, byte @Nullable [] bytes, Map<String, @Nullable Object> root) {}

  @SuppressWarnings("unchecked") // JsonTree builds objects as LinkedHashMap<String, Object>
  private static Read read(Path link) {
    Path file = link;
    byte[] bytes;
    try {
      // Dotfile managers link settings.json elsewhere: edit the target, keep the link.
      if (Files.isSymbolicLink(link)) {
        file = link.toRealPath();
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Read(file, null, new LinkedHashMap<>());
    } catch (IOException e) {
      throw new InstallException("cannot read " + file + ": " + e, e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid(file, ": it is not UTF-8 text");
    }
    if (text.isBlank()) {
      return new Read(file, bytes, new LinkedHashMap<>()); // an empty file: no settings yet
    }
    Object root;
    try {
      root = JsonTree.parse(text);
    } catch (JsonTree.Malformed e) {
      throw invalid(file, " (line " + e.line + ", column " + e.column + "): " + e.reason);
    }
    if (!(root instanceof Map<?, ?> object)) {
      throw new InstallException(
          file
              + " holds "
              + (root instanceof List<?> ? "a JSON array" : "a single JSON value")
              + ", not the JSON object Claude Code's settings are — fix or move it; flightlog did"
              + " not change it");
    }
    return new Read(file, bytes, (Map<String, @Nullable Object>) object);
  }

  private static InstallException invalid(Path file, String why) {
    return new InstallException(
        file + " is not valid JSON" + why + " — fix or move it; flightlog did not change it");
  }

  /** The hook events in Claude Code's order, by wire name (for summaries). */
  public static List<String> names(List<HookEvent> events) {
    var names = new ArrayList<String>();
    for (var event : events) {
      names.add(event.wireName());
    }
    return names;
  }
}
