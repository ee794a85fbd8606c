package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The attachment lines of a transcript: what Claude Code attaches when a session or subagent starts
 * (environment, model, deferred tools, agent and skill listings, date, prompt snapshot, …) and the
 * reports of hook runs.
 */
final class Attachments {
  private static final List<String> DEFERRED_TOOLS =
      List.of(
          "CronCreate",
          "CronDelete",
          "CronList",
          "DesignSync",
          "Glob",
          "Grep",
          "NotebookEdit",
          "TodoWrite",
          "WebFetch",
          "WebSearch",
          "mcp__github__get_issue",
          "mcp__github__list_pull_requests");

  private static final List<String> AGENT_TYPES =
      List.of("claude", "Explore", "general-purpose", "Plan", "statusline-setup");

  private static final List<String> SKILLS =
      List.of(
          "dataviz",
          "update-config",
          "keybindings-help",
          "code-review",
          "pdf",
          "xlsx",
          "docx",
          "pptx",
          "frontend-design",
          "mcp-builder",
          "webapp-testing",
          "skill-creator",
          "security-review");

  private final Transcript t;
  private final JsonGenerator gen;
  private final SessionContext context;
  private final Filler filler;
  private final SplittableRandom random;
  private final Ids ids;

  Attachments(Transcript t) {
    this.t = t;
    this.gen = t.gen();
    this.context = t.context();
    this.filler = t.filler();
    this.random = t.random();
    this.ids = t.ids();
  }

  /** A hook run reported as an attachment (PreToolUse:Bash, PostToolBatch, Stop, …). */
  void hookSuccess(
      String hookName, String hookEvent, String toolUseId, @Nullable String parentUuid, long at)
      throws IOException {
    t.linkTo(parentUuid);
    t.attachmentStart("hook_success");
    gen.writeStringField("hookName", hookName);
    gen.writeStringField("toolUseID", toolUseId);
    gen.writeStringField("hookEvent", hookEvent);
    gen.writeStringField("content", "");
    boolean http = context.hookCommand().startsWith("http");
    gen.writeStringField("stdout", http ? "{}" : "");
    gen.writeStringField("stderr", "");
    gen.writeNumberField("exitCode", http ? 200 : 0);
    gen.writeStringField("command", t.hookCommand(hookEvent));
    if (hookEvent.equals("PostToolBatch")) {
      gen.writeBooleanField("accountMemoryBatch", false);
    }
    gen.writeEndObject();
    t.attachmentEnd(null, null, at);
  }

  /** The attachments Claude Code writes when a session (or subagent) starts. */
  void startAttachments(Model model, long at) throws IOException {
    t.attachmentStart("environment");
    gen.writeObjectFieldStart("snapshot");
    gen.writeStringField("workingDirectory", context.cwd());
    gen.writeBooleanField("isWorktree", false);
    gen.writeBooleanField("isGitRepo", true);
    gen.writeArrayFieldStart("additionalWorkingDirectories");
    gen.writeEndArray();
    gen.writeStringField("platform", "linux");
    gen.writeStringField("shell", "bash");
    gen.writeStringField("osVersion", "Linux 6.8.0-85-generic");
    gen.writeEndObject();
    gen.writeEndObject();
    t.attachmentEnd("system", null, at);

    modelAttachment(model, at);

    t.attachmentStart("deferred_tools_delta");
    t.names("addedNames", DEFERRED_TOOLS);
    t.names("addedLines", DEFERRED_TOOLS);
    t.names("removedNames", List.of());
    t.names("wireHiddenNames", List.of());
    t.names("readdedNames", List.of());
    if (!t.inSubagent()) {
      t.names("pendingMcpServers", List.of());
      t.names("needsAuthMcpServers", List.of());
      t.names("failedMcpServers", List.of());
    }
    gen.writeEndObject();
    t.attachmentEnd("system", null, at);

    if (!t.inSubagent()) {
      t.attachmentStart("agent_listing_delta");
      t.names("addedTypes", AGENT_TYPES);
      gen.writeArrayFieldStart("addedLines");
      for (int i = 0; i < AGENT_TYPES.size(); i++) {
        filler.write(gen, random, context.small() ? 60 : 150 + random.nextInt(300));
      }
      gen.writeEndArray();
      t.names("builtInTypes", AGENT_TYPES);
      t.names("builtInPluginTypes", List.of());
      t.names("removedTypes", List.of());
      gen.writeBooleanField("isInitial", true);
      gen.writeBooleanField("showConcurrencyNote", true);
      gen.writeEndObject();
      t.attachmentEnd("system", null, at);
    }

    t.attachmentStart("skill_listing");
    gen.writeFieldName("content");
    filler.write(gen, random, context.small() ? 600 : 5_000 + random.nextInt(2_000));
    gen.writeNumberField("skillCount", SKILLS.size());
    gen.writeBooleanField("isInitial", true);
    t.names("names", SKILLS);
    gen.writeArrayFieldStart("digests");
    for (int i = 0; i < SKILLS.size(); i++) {
      gen.writeString(ids.sha256().substring(0, 16));
    }
    gen.writeEndArray();
    gen.writeEndObject();
    t.attachmentEnd("system", null, at);

    if (!t.inSubagent()) {
      t.records().atisLatch();
    }
    t.attachmentStart("session_context");
    gen.writeObjectFieldStart("context");
    gen.writeEndObject();
    gen.writeEndObject();
    t.attachmentEnd(null, null, at);

    dateAttachment(at);

    t.attachmentStart("remote_session_change");
    gen.writeNullField("url");
    gen.writeStringField("commit", "Co-Authored-By: Claude <noreply@anthropic.com>");
    gen.writeStringField(
        "pr", "\uD83E\uDD16 Generated with [Claude Code](https://claude.com/claude-code)");
    gen.writeBooleanField("sendUserFileHint", false);
    gen.writeBooleanField("managedCommit", false);
    gen.writeBooleanField("managedPr", false);
    gen.writeEndObject();
    t.attachmentEnd("user", null, at);

    promptSnapshot(context.small() ? 1_500 : 6_000 + random.nextInt(4_000), at);
  }

  void modelAttachment(Model model, long at) throws IOException {
    String text =
        "You are powered by the model named "
            + model.marketingName
            + ". The exact model ID is "
            + model.id
            + ". Assistant knowledge cutoff is "
            + model.knowledgeCutoff
            + ".";
    t.attachmentStart("model");
    gen.writeObjectFieldStart("identity");
    gen.writeStringField("modelId", model.id);
    gen.writeStringField("marketingName", model.marketingName);
    gen.writeStringField("knowledgeCutoff", model.knowledgeCutoff);
    gen.writeEndObject();
    gen.writeStringField("text", text);
    gen.writeEndObject();
    t.attachmentEnd("system", "<system-reminder>\n" + text + "\n</system-reminder>", at);
  }

  void dateAttachment(long at) throws IOException {
    String date = UtcMillis.date(at);
    t.attachmentStart("date");
    gen.writeStringField("date", date);
    gen.writeEndObject();
    t.attachmentEnd(
        "system", "<system-reminder>\nToday's date is " + date + ".\n</system-reminder>", at);
  }

  /** The system prompt as sent, split into its sections ({@code bytes} in all). */
  void promptSnapshot(int bytes, long at) throws IOException {
    t.attachmentStart("prompt_snapshot");
    gen.writeArrayFieldStart("systemPrompt");
    for (int i = 0; i < 10; i++) {
      filler.write(gen, random, bytes / 10);
    }
    gen.writeEndArray();
    gen.writeBooleanField("reminderFold", false);
    gen.writeBooleanField("echoWireToolInputs", false);
    gen.writeStringField("contextRendering", "announced");
    gen.writeEndObject();
    t.attachmentEnd(null, null, at);
  }
}
