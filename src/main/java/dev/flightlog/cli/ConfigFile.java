package dev.flightlog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.flightlog.Agent;
import dev.flightlog.ingest.CaptureLevel;
import dev.flightlog.ingest.CapturePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The configuration file, {@code config.json} in the data directory ({@code $FLIGHTLOG_HOME}).
 * Every section and key is optional; a missing file is the defaults. An unknown key, a value of the
 * wrong type or out of range fails start-up with the key, the value and what is allowed.
 *
 * <pre>{@code
 * {
 *   "capture": {
 *     "level": "default",
 *     "agents": {"claude": "full"},
 *     "projects": {"/home/me/secret-repo": "metadata"}
 *   },
 *   "retention": {"days": 90}
 * }
 * }</pre>
 *
 * <p>To add a section: a case in {@link #parse}, a component here, a line in docs/interfaces.md.
 *
 * @param capture the capture levels; its default level is the file's ({@code default} when unset),
 *     which {@code --capture} and {@code FLIGHTLOG_CAPTURE} override
 * @param captureLevelSet whether the file set {@code capture.level}
 * @param retentionDays {@code retention.days}, or null when unset
 */
record ConfigFile(CapturePolicy capture, boolean captureLevelSet, @Nullable Integer retentionDays) {

  /** The file's name in the data directory. */
  static final String NAME = "config.json";

  /** The longest retention: a hundred years. */
  static final int MAX_RETENTION_DAYS = 36_500;

  /** Everything at its default: what a missing file means. */
  static final ConfigFile DEFAULTS = new ConfigFile(CapturePolicy.DEFAULT, false, null);

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  ConfigFile {
    if (retentionDays != null && retentionDays < 1) {
      throw new IllegalArgumentException("retention.days must be positive: " + retentionDays);
    }
  }

  /**
   * The configuration file of this environment's data directory; the defaults when it is absent.
   */
  static ConfigFile load(Environment environment) {
    var home = environment.dataHome();
    if (!Files.isDirectory(home)) {
      return DEFAULTS; // no data directory yet (or a file in its place, which DataHome reports)
    }
    var file = home.resolve(NAME);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return DEFAULTS;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text, environment.userHome());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The configuration in {@code text}; {@code ~/} in a project path is {@code home}. */
  static ConfigFile parse(String text, Path home) {
    try (var parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the configuration must be a JSON object");
      }
      var capture = CapturePolicy.DEFAULT;
      boolean levelSet = false;
      Integer retentionDays = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var key = parser.currentName();
        parser.nextToken();
        switch (key) {
          case "capture" -> {
            var section = capture(parser, home);
            capture = section.policy;
            levelSet = section.levelSet;
          }
          case "retention" -> retentionDays = retention(parser);
          default -> throw unknown(key, "capture, retention");
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected text after the configuration object");
      }
      return new ConfigFile(capture, levelSet, retentionDays);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new IllegalArgumentException(
          "not valid JSON at line "
              + where.getLineNr()
              + ", column "
              + where.getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Capture(CapturePolicy policy, boolean levelSet) {}

  private static Capture capture(JsonParser parser, Path home) throws IOException {
    object(parser, "capture");
    var level = CaptureLevel.DEFAULT;
    boolean levelSet = false;
    var agents = new LinkedHashMap<Agent, CaptureLevel>();
    var projects = new LinkedHashMap<String, CaptureLevel>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      var key = parser.currentName();
      parser.nextToken();
      switch (key) {
        case "level" -> {
          level = level(parser, "capture.level");
          levelSet = true;
        }
        case "agents" -> {
          object(parser, "capture.agents");
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var name = parser.currentName();
            parser.nextToken();
            Agent agent;
            try {
              agent = Agent.fromWireName(name);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("capture.agents: " + e.getMessage(), e);
            }
            agents.put(agent, level(parser, "capture.agents." + name));
          }
        }
        case "projects" -> {
          object(parser, "capture.projects");
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var dir = parser.currentName();
            parser.nextToken();
            projects.put(project(dir, home), level(parser, "capture.projects." + dir));
          }
        }
        default -> throw unknown("capture." + key, "level, agents, projects");
      }
    }
    return new Capture(new CapturePolicy(level, agents, projects), levelSet);
  }

  private static @Nullable Integer retention(JsonParser parser) throws IOException {
    object(parser, "retention");
    Integer days = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      var key = parser.currentName();
      var token = parser.nextToken();
      if (!key.equals("days")) {
        throw unknown("retention." + key, "days");
      }
      if (token != JsonToken.VALUE_NUMBER_INT
          || parser.getNumberType() != JsonParser.NumberType.INT
          || parser.getIntValue() < 1
          || parser.getIntValue() > MAX_RETENTION_DAYS) {
        throw new IllegalArgumentException(
            "retention.days is "
                + value(parser)
                + " (allowed: a whole number of days, 1 to "
                + MAX_RETENTION_DAYS
                + ")");
      }
      days = parser.getIntValue();
    }
    return days;
  }

  private static CaptureLevel level(JsonParser parser, String key) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      try {
        return CaptureLevel.fromWireName(parser.getText());
      } catch (IllegalArgumentException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(
        key + " is " + value(parser) + " (allowed: \"full\", \"default\", \"metadata\")");
  }

  /** A project directory: absolute, or {@code ~/…} under the home directory. */
  private static String project(String dir, Path home) {
    var path = dir.startsWith("~/") ? home.resolve(dir.substring(2)).toString() : dir;
    if (!Path.of(path).isAbsolute() && !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "capture.projects: \""
              + dir
              + "\" is not an absolute directory (allowed: an absolute path or ~/…)");
    }
    return path;
  }

  private static void object(JsonParser parser, String key) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException(key + " is " + value(parser) + " (allowed: an object)");
    }
  }

  private static IllegalArgumentException unknown(String key, String allowed) {
    return new IllegalArgumentException("unknown key " + key + " (allowed: " + allowed + ")");
  }

  /**
   * The current value as it was written, for a message (an object or array is named, not shown).
   */
  private static String value(JsonParser parser) throws IOException {
    var token = parser.currentToken();
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "\"" + parser.getText() + "\"";
      default -> parser.getText();
    };
  }
}
