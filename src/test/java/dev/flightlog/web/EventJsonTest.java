package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.live.Change;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data of each kind of live event, pinned: a stable interface (PRODUCT.md §10). */
class EventJsonTest {

  private static String json(Change change) {
    return new String(EventJson.of(change), StandardCharsets.UTF_8);
  }

  @Test
  void aToolCallWithOnlyItsStartHasNullsForWhatIsUnknownAndCutsLongErrors() {
    var error = "e".repeat(199) + "\uD83D\uDE00" + "tail";
    var fact =
        new ToolCallFact(
            Agent.CLAUDE,
            "toolu_9",
            "s1",
            null,
            null,
            "Read",
            null,
            null,
            ToolStatus.ERROR,
            error,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Channel.TRANSCRIPT);
    assertThat(json(new Change("tool_call", "claude:toolu_9", fact)))
        .isEqualTo(
            "{\"kind\":\"tool_call\",\"id\":\"claude:toolu_9\",\"agent\":\"claude\","
                + "\"session_id\":\"s1\",\"channel\":\"transcript\",\"at\":null,"
                + "\"tool_use_id\":\"toolu_9\",\"tool\":\"Read\",\"status\":\"error\","
                + "\"error\":\""
                + "e".repeat(199)
                + "\",\"summary\":null,\"thread_id\":null,\"prompt_id\":null,"
                + "\"started_at\":null,\"ended_at\":null,\"duration_ms\":null,"
                + "\"output_bytes\":null,\"project\":null}");
  }

  @Test
  void promptsModelRequestsAndSessions() {
    assertThat(json(Facts.prompt("s1", "p1", "x".repeat(300))))
        .isEqualTo(
            "{\"kind\":\"prompt\",\"id\":\"claude:p1\",\"agent\":\"claude\",\"session_id\":\"s1\","
                + "\"channel\":\"http_hook\",\"at\":\"2026-11-24T10:15:00Z\",\"prompt_id\":\"p1\","
                + "\"text\":\""
                + "x".repeat(200)
                + "\",\"started_at\":\"2026-11-24T10:15:00Z\",\"ended_at\":null,"
                + "\"project\":\"/home/dev/project\"}");
    assertThat(json(Facts.modelRequest("s1", "req_1")))
        .isEqualTo(
            "{\"kind\":\"model_request\",\"id\":\"claude:req_1\",\"agent\":\"claude\","
                + "\"session_id\":\"s1\",\"channel\":\"otlp\",\"at\":\"2026-11-24T10:15:02Z\","
                + "\"message_id\":null,\"request_id\":\"req_1\","
                + "\"model\":\"claude-sonnet-4-5-20250929\",\"thread_id\":null,\"prompt_id\":null,"
                + "\"tokens\":3250,\"input_tokens\":10,\"output_tokens\":200,"
                + "\"cache_read_tokens\":3000,\"cache_creation_tokens\":40,\"cost_usd\":0.0123}");
    assertThat(json(Facts.session("s1")))
        .isEqualTo(
            "{\"kind\":\"session\",\"id\":\"claude:s1\",\"agent\":\"claude\",\"session_id\":\"s1\","
                + "\"channel\":\"hook\",\"at\":\"2026-11-24T10:14:00Z\","
                + "\"project\":\"/home/dev/project\",\"git_branch\":\"main\","
                + "\"agent_version\":\"2.1.328\",\"seen_at\":\"2026-11-24T10:14:00Z\","
                + "\"ended_at\":null,\"end_reason\":null}");
  }

  @Test
  void threadsCostStatesHookEventsAndMetricPoints() {
    var at = Instant.parse("2026-11-24T10:00:00Z");
    assertThat(
            json(
                new Change(
                    "thread",
                    "claude:s1:a1",
                    new ThreadFact(
                        Agent.CLAUDE,
                        "s1",
                        "a1",
                        "general-purpose",
                        "look around",
                        "toolu_1",
                        null,
                        at,
                        Channel.TRANSCRIPT))))
        .isEqualTo(
            "{\"kind\":\"thread\",\"id\":\"claude:s1:a1\",\"agent\":\"claude\",\"session_id\":\"s1\","
                + "\"channel\":\"transcript\",\"at\":\"2026-11-24T10:00:00Z\",\"thread_id\":\"a1\","
                + "\"agent_type\":\"general-purpose\",\"description\":\"look around\","
                + "\"parent_tool_use_id\":\"toolu_1\",\"model\":null}");
    assertThat(
            json(
                new Change(
                    "cost_state",
                    "claude:s1",
                    new CostStateFact(
                        Agent.CLAUDE,
                        "s1",
                        1.5,
                        null,
                        List.of(new CostStateFact.ModelCost("m", Usage.ZERO, 1.5)),
                        Channel.TRANSCRIPT))))
        .isEqualTo(
            "{\"kind\":\"cost_state\",\"id\":\"claude:s1\",\"agent\":\"claude\",\"session_id\":\"s1\","
                + "\"channel\":\"transcript\",\"at\":null,\"total_cost_usd\":1.5,"
                + "\"models\":[{\"model\":\"m\",\"cost_usd\":1.5}]}");
    var sha = "a".repeat(64);
    assertThat(
            json(
                new Change(
                    "hook_event",
                    sha,
                    new HookEventFact(
                        Agent.CLAUDE, "", null, sha, "garbage", 7, false, at, Channel.HTTP_HOOK))))
        .isEqualTo(
            "{\"kind\":\"hook_event\",\"id\":\""
                + sha
                + "\",\"agent\":\"claude\",\"session_id\":null,\"channel\":\"http_hook\","
                + "\"at\":\"2026-11-24T10:00:00Z\",\"event\":null,\"payload_bytes\":7,"
                + "\"json\":false}");
    assertThat(
            json(
                new Change(
                    "metric_point",
                    "claude:claude_code.cost.usage:{}",
                    new MetricPointFact(
                        Agent.CLAUDE,
                        "s1",
                        "claude_code.cost.usage",
                        "{\"model\":\"m\"}",
                        "USD",
                        MetricPointFact.Temporality.DELTA,
                        null,
                        at,
                        0.25,
                        Channel.OTLP))))
        .isEqualTo(
            "{\"kind\":\"metric_point\",\"id\":\"claude:claude_code.cost.usage:{}\","
                + "\"agent\":\"claude\",\"session_id\":\"s1\",\"channel\":\"otlp\","
                + "\"at\":\"2026-11-24T10:00:00Z\",\"name\":\"claude_code.cost.usage\","
                + "\"value\":0.25,\"unit\":\"USD\",\"temporality\":\"delta\","
                + "\"series\":\"{\\\"model\\\":\\\"m\\\"}\",\"started_at\":null}");
  }
}
