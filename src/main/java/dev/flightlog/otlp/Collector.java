package dev.flightlog.otlp;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.otlp.AnyValue.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Gathers what a request's items map to, and counts them, into one {@link Export}. */
final class Collector {

  private final String where;
  private final List<Fact> facts = new ArrayList<>();
  private final List<Drift> drift = new ArrayList<>();
  private final List<Skip> skips = new ArrayList<>();
  private int accepted;
  private int rejected;

  /**
   * @param where the endpoint the request came to, for the skips
   */
  Collector(String where, Dropped dropped) {
    this.where = where;
    for (var item : dropped.items()) {
      reject(SkipReason.NOT_AN_ENTRY, item);
    }
    if (dropped.elements() > 0) {
      skips.add(
          new Skip(
              Channel.OTLP,
              SkipReason.NOT_AN_ENTRY,
              where,
              dropped.elements()
                  + " list element(s) that are not objects left out, the first at "
                  + dropped.firstElement()));
    }
  }

  void fact(Fact fact) {
    facts.add(fact);
  }

  void drift(Drift d) {
    drift.add(d);
  }

  void accept() {
    accepted++;
  }

  /** One item left out, with why. */
  void reject(SkipReason reason, String detail) {
    rejected++;
    skips.add(new Skip(Channel.OTLP, reason, where, detail));
  }

  /** Items left out together, with one skip saying why. */
  void rejectAll(int count, String detail) {
    if (count > 0) {
      rejected += count;
      skips.add(new Skip(Channel.OTLP, SkipReason.NOT_AN_ENTRY, where, detail));
    }
  }

  Export export() {
    return new Export(facts, drift, skips, accepted, rejected);
  }

  /**
   * Who exported a scope's items. Claude Code is recognised by its {@code service.name} or, when a
   * user renamed the service, by its instrumentation scope ({@code com.anthropic.claude_code…}).
   * Other agents are named so that their exports count as drift, never as Claude Code's.
   *
   * @param agent the agent, or null for a service that is no known agent
   * @param decoded whether flightlog decodes this agent's telemetry (only Claude Code's today)
   */
  record Exporter(@Nullable Agent agent, boolean decoded, String version, String service) {

    static Exporter of(List<Attribute> resource, String scope) {
      var attributes = new Attributes(resource);
      var service = attributes.text("service.name");
      var version = attributes.text("service.version");
      var name = service == null ? "" : service;
      var agentVersion = version == null ? "unknown" : version;
      if (name.equals("claude-code") || scope.startsWith("com.anthropic.claude_code")) {
        return new Exporter(Agent.CLAUDE, true, agentVersion, name);
      }
      var lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("codex")) {
        return new Exporter(Agent.CODEX, false, agentVersion, name);
      }
      if (lower.startsWith("gemini")) {
        return new Exporter(Agent.GEMINI, false, agentVersion, name);
      }
      return new Exporter(null, false, agentVersion, name);
    }

    /** Counts a scope this flightlog does not decode: drift for a known agent, and a skip. */
    void leaveOut(Collector out, String scope, int items, String what) {
      var agent = this.agent;
      if (agent != null) {
        out.drift(new Drift(agent, version, "otlp_service", service.isEmpty() ? scope : service));
      }
      out.rejectAll(
          items,
          items
              + " "
              + what
              + " of service.name '"
              + service
              + "' (scope '"
              + scope
              + "') left out: flightlog decodes only Claude Code's telemetry");
    }
  }
}
