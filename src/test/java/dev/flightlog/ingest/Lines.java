package dev.flightlog.ingest;

/** Small Claude Code transcript lines in the 2.1.x shape, for importer tests. */
final class Lines {
  private Lines() {}

  static final String SESSION = "11111111-2222-3333-4444-555555555555";

  static String prompt(String promptId, String text, String time) {
    return """
        {"parentUuid":null,"isSidechain":false,"promptId":"%s","type":"user","message":{"role":"user","content":"%s"},"uuid":"u-%s","timestamp":"%s","permissionMode":"default","promptSource":"sdk","userType":"external","entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"%s","version":"2.1.328","gitBranch":"main"}"""
        .formatted(promptId, text, promptId, time, SESSION);
  }

  static String toolUse(String messageId, String toolUseId, String command, String time) {
    return """
        {"parentUuid":"x","isSidechain":false,"message":{"id":"%s","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"%s","name":"Bash","input":{"command":"%s"}}],"stop_reason":"tool_use","usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":1000,"output_tokens":50,"cache_creation":{"ephemeral_5m_input_tokens":20,"ephemeral_1h_input_tokens":0}}},"requestId":"req_%s","type":"assistant","uuid":"a-%s","timestamp":"%s","userType":"external","entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"%s","version":"2.1.328","gitBranch":"main"}"""
        .formatted(messageId, toolUseId, command, messageId, toolUseId, time, SESSION);
  }

  static String toolResult(
      String promptId, String toolUseId, String content, boolean error, String time) {
    return """
        {"parentUuid":"y","isSidechain":false,"promptId":"%s","type":"user","message":{"role":"user","content":[{"tool_use_id":"%s","type":"tool_result","content":"%s","is_error":%s}]},"uuid":"r-%s","timestamp":"%s","toolUseResult":"%s","userType":"external","entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"%s","version":"2.1.328","gitBranch":"main"}"""
        .formatted(promptId, toolUseId, content, error, toolUseId, time, content, SESSION);
  }
}
