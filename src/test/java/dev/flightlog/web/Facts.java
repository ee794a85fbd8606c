package dev.flightlog.web;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.live.Change;
import java.time.Instant;

/** Changes as the ingest path publishes them, for stream tests. */
public final class Facts {

  public static final String SESSION = "72116e04-3143-4302-a3eb-b33a0e8101ef";

  private Facts() {}

  public static Change toolCall(String session, String toolUseId, String summary) {
    return new Change(
        "tool_call",
        "claude:" + toolUseId,
        new ToolCallFact(
            Agent.CLAUDE,
            toolUseId,
            session,
            "main",
            "p1",
            "Bash",
            "{\"command\":\"" + summary + "\"}",
            summary,
            ToolStatus.OK,
            null,
            null,
            5L,
            Instant.parse("2026-11-24T10:15:29.311Z"),
            Instant.parse("2026-11-24T10:15:30.123Z"),
            812L,
            "/home/dev/project",
            null,
            Channel.HTTP_HOOK));
  }

  public static Change prompt(String session, String promptId, String text) {
    return new Change(
        "prompt",
        "claude:" + promptId,
        new PromptFact(
            Agent.CLAUDE,
            session,
            promptId,
            text,
            Instant.parse("2026-11-24T10:15:00Z"),
            null,
            "/home/dev/project",
            Channel.HTTP_HOOK));
  }

  public static Change session(String session) {
    return new Change(
        "session",
        "claude:" + session,
        new SessionFact(
            Agent.CLAUDE,
            session,
            "/home/dev/project",
            "main",
            "2.1.328",
            Instant.parse("2026-11-24T10:14:00Z"),
            null,
            null,
            Channel.HOOK));
  }

  public static Change modelRequest(String session, String requestId) {
    return new Change(
        "model_request",
        "claude:" + requestId,
        new ModelRequestFact(
            Agent.CLAUDE,
            "",
            requestId,
            session,
            null,
            null,
            "claude-sonnet-4-5-20250929",
            new Usage(10, 200, 3000, 40, 0),
            Instant.parse("2026-11-24T10:15:02Z"),
            null,
            0.0123,
            Channel.OTLP));
  }
}
