package dev.flightlog.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Adds flightlog's hooks and OpenTelemetry environment to a parsed Claude Code settings object, and
 * takes them out again. flightlog's hook entries are recognised by exactly what it writes (the HTTP
 * hook's URL, the spooler's command); every other key, hook group and hook entry is left as it is,
 * in its place.
 */
final class SettingsMerge {

  private SettingsMerge() {}

  /** Changes {@code root} to route every event as {@code wiring} says; returns warnings. */
  static List<String> install(Map<String, @Nullable Object> root, Wiring wiring, String file) {
    var warnings = new ArrayList<String>();
    var hooks = object(root, "hooks", file);
    Predicate<Map<?, ?>> ours = entry -> isOurs(entry, wiring.hookUrl(), wiring.spoolerCommand());
    for (var event : HookEvent.values()) {
      var desired = entry(wiring, event);
      var groups = array(hooks, event.wireName(), file);
      // A route that changed (--durable added or dropped) leaves its old entry behind: remove it.
      removeEntries(groups, entry -> ours.test(entry) && !sameHook(entry, desired));
      if (!hasEntry(groups, entry -> sameHook(entry, desired))) {
        var group = new LinkedHashMap<String, @Nullable Object>();
        if (event.toolMatcher()) {
          group.put("matcher", "*");
        }
        group.put("hooks", new ArrayList<@Nullable Object>(List.of(desired)));
        groups.add(group);
      }
    }
    for (var url : otherHookUrls(hooks, wiring.hookUrl())) {
      warnings.add(
          "the settings also send hooks to "
              + url
              + ", which looks like an earlier flightlog install for another address; remove it"
              + " with: flightlog uninstall --addr "
              + url.substring("http://".length(), url.length() - "/hook".length()));
    }
    if (wiring.otel()) {
      installOtel(root, wiring, file, warnings);
    }
    return warnings;
  }

  /**
   * Removes flightlog's hooks and the OpenTelemetry settings that are still exactly its own; an
   * event, the hooks object or the env object left empty by that goes too.
   */
  static void uninstall(Map<String, @Nullable Object> root, String addr, String spoolerCommand) {
    if (root.get("hooks") instanceof Map<?, ?> hooks) {
      var url = Wiring.hookUrl(addr);
      boolean removed = false;
      for (var name : new ArrayList<>(hooks.keySet())) {
        if (hooks.get(name) instanceof List<?> groups
            && removeEntries(groups, entry -> isOurs(entry, url, spoolerCommand))) {
          removed = true;
          if (groups.isEmpty()) {
            hooks.remove(name);
          }
        }
      }
      if (removed && hooks.isEmpty()) {
        root.remove("hooks");
      }
    }
    if (root.get("env") instanceof Map<?, ?> env) {
      var otel = new Wiring(addr, spoolerCommand, false, true).otelEnvironment();
      var endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
      // Only where the endpoint is flightlog's: the same keys may belong to the user's own export.
      if (same(env.get(endpoint), otel.get(endpoint))) {
        otel.forEach(
            (key, value) -> {
              if (same(env.get(key), value)) {
                env.remove(key);
              }
            });
        if (env.isEmpty()) {
          root.remove("env");
        }
      }
    }
  }

  private static void installOtel(
      Map<String, @Nullable Object> root, Wiring wiring, String file, List<String> warnings) {
    boolean created = !root.containsKey("env");
    var env = object(root, "env", file);
    var otel = wiring.otelEnvironment();
    var endpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    var endpoint = env.get(endpointKey);
    if (endpoint != null && !same(endpoint, otel.get(endpointKey))) {
      warnings.add(
          "env."
              + endpointKey
              + " is already "
              + endpoint
              + ", so Claude Code exports OpenTelemetry elsewhere; flightlog left the env block"
              + " as it is (remove that key and run install --otel again to export to flightlog)");
      if (created) {
        root.remove("env");
      }
      return;
    }
    otel.forEach(
        (key, value) -> {
          var current = env.get(key);
          if (current == null && !env.containsKey(key)) {
            env.put(key, value);
          } else if (!same(current, value)) {
            warnings.add(
                "env."
                    + key
                    + " is "
                    + current
                    + " where flightlog would set "
                    + value
                    + "; kept yours");
          }
        });
  }

  /** A setting's value and a string compare equal when they print the same (1 and "1"). */
  private static boolean same(@Nullable Object value, @Nullable String expected) {
    return value != null
        && !(value instanceof Map || value instanceof List)
        && String.valueOf(value).equals(expected);
  }

  /** The hook entry flightlog writes for an event. */
  private static Map<String, @Nullable Object> entry(Wiring wiring, HookEvent event) {
    var entry = new LinkedHashMap<String, @Nullable Object>();
    if (wiring.spooled(event)) {
      entry.put("type", "command");
      entry.put("command", wiring.spoolerCommand());
      entry.put("timeout", new JsonTree.JsonNumber(String.valueOf(Wiring.COMMAND_TIMEOUT_SECONDS)));
    } else {
      entry.put("type", "http");
      entry.put("url", wiring.hookUrl());
      entry.put("timeout", new JsonTree.JsonNumber(String.valueOf(Wiring.HTTP_TIMEOUT_SECONDS)));
    }
    return entry;
  }

  private static boolean isOurs(Map<?, ?> entry, String url, String command) {
    return ("http".equals(entry.get("type")) && url.equals(entry.get("url")))
        || ("command".equals(entry.get("type")) && command.equals(entry.get("command")));
  }

  /** The same hook: same type and the same URL or command (other fields are the user's). */
  private static boolean sameHook(Map<?, ?> entry, Map<String, @Nullable Object> desired) {
    return Objects.equals(entry.get("type"), desired.get("type"))
        && Objects.equals(entry.get("url"), desired.get("url"))
        && Objects.equals(entry.get("command"), desired.get("command"));
  }

  private static boolean hasEntry(List<?> groups, Predicate<Map<?, ?>> test) {
    for (var group : groups) {
      if (group instanceof Map<?, ?> g && g.get("hooks") instanceof List<?> entries) {
        for (var entry : entries) {
          if (entry instanceof Map<?, ?> e && test.test(e)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Removes matching entries, and a group left empty by that; says whether any was removed. */
  private static boolean removeEntries(List<?> groups, Predicate<Map<?, ?>> test) {
    boolean[] removed = {false};
    groups.removeIf(
        group -> {
          if (group instanceof Map<?, ?> g && g.get("hooks") instanceof List<?> entries) {
            if (entries.removeIf(entry -> entry instanceof Map<?, ?> e && test.test(e))) {
              removed[0] = true;
              return entries.isEmpty();
            }
          }
          return false;
        });
    return removed[0];
  }

  /** HTTP hook URLs of the form http://HOST:PORT/hook other than flightlog's own. */
  private static List<String> otherHookUrls(Map<String, @Nullable Object> hooks, String ownUrl) {
    var urls = new ArrayList<String>();
    for (var groups : hooks.values()) {
      if (groups instanceof List<?> list) {
        hasEntry(
            list,
            entry -> {
              if ("http".equals(entry.get("type"))
                  && entry.get("url") instanceof String url
                  && !url.equals(ownUrl)
                  && url.matches("http://[^/]+:[0-9]+/hook")
                  && !urls.contains(url)) {
                urls.add(url);
              }
              return false;
            });
      }
    }
    return urls;
  }

  /** The object under {@code key}, created (at the end) when missing. */
  @SuppressWarnings("unchecked") // JsonTree builds objects as LinkedHashMap<String, Object>
  private static Map<String, @Nullable Object> object(
      Map<String, @Nullable Object> parent, String key, String file) {
    var value = parent.get(key);
    if (value == null) {
      var created = new LinkedHashMap<String, @Nullable Object>();
      parent.put(key, created);
      return created;
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, @Nullable Object>) map;
    }
    throw notA(file, key, "an object", value);
  }

  /** The array under {@code key}, created (at the end) when missing. */
  @SuppressWarnings("unchecked") // JsonTree builds arrays as ArrayList<Object>
  private static List<@Nullable Object> array(
      Map<String, @Nullable Object> parent, String key, String file) {
    var value = parent.get(key);
    if (value == null) {
      var created = new ArrayList<@Nullable Object>();
      parent.put(key, created);
      return created;
    }
    if (value instanceof List<?> list) {
      return (List<@Nullable Object>) list;
    }
    throw notA(file, "hooks." + key, "an array", value);
  }

  private static InstallException notA(String file, String key, String expected, Object value) {
    var kind =
        switch (value) {
          case Map<?, ?> m -> "an object";
          case List<?> l -> "an array";
          case String s -> "a string";
          case Boolean b -> "a boolean";
          default -> "a number";
        };
    return new InstallException(
        file
            + ": \""
            + key
            + "\" is "
            + kind
            + " where Claude Code expects "
            + expected
            + " — fix it; flightlog did not change the file");
  }
}
