package dev.flightlog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.ToolStatus;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error texts as the agents wrote them — the ones marked "sample" are copied from the recorded
 * sessions under /work/shared/reference/samples (Claude Code transcripts and hook payloads, Codex
 * rollouts, Gemini chats), the others are Claude Code's and common tools' well-known messages —
 * with the category and normalised first line worked out by hand from the rules of {@link
 * ErrorRules} and {@link FirstLine}. The comment says which rule decided.
 */
class ErrorSignatureTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // sample claude/basic Read: "does not exist" (not found); the path, its full stop kept.
        error(
            "Read",
            "File does not exist. Note: your current working directory is /home/dev/project.",
            ErrorCategory.NOT_FOUND,
            "File does not exist. Note: your current working directory is <path>."),
        // sample claude/basic Bash: no rule but "exit code 1"; the bare exit code line skipped.
        error("Bash", "Exit code 1\nfast", ErrorCategory.NON_ZERO_EXIT, "fast"),
        // sample claude/parallel Bash: exit code 3.
        error("Bash", "Exit code 3\nto-stderr", ErrorCategory.NON_ZERO_EXIT, "to-stderr"),
        // sample toolUseResult form: the "Error: " prefix goes before the bare-line test.
        error("Bash", "Error: Exit code 1\nfast", ErrorCategory.NON_ZERO_EXIT, "fast"),
        // sample claude/denied: an unknown tool is "no such tool available" (command not found).
        error(
            "NoSuchTool",
            "<tool_use_error>Error: No such tool available: NoSuchTool</tool_use_error>",
            ErrorCategory.COMMAND_NOT_FOUND,
            "No such tool available: NoSuchTool"),
        // sample claude/denied: invalid input is a parse error; the first line only.
        error(
            "Read",
            """
            <tool_use_error>InputValidationError: Read failed due to the following issues:
            The required parameter `file_path` is missing
            An unexpected parameter `path` was provided</tool_use_error>""",
            ErrorCategory.SYNTAX_ERROR,
            "InputValidationError: Read failed due to the following issues:"),
        // sample gemini/basic read_file: "not found"; the absolute path folded.
        error(
            "read_file",
            "File not found: /home/dev/project/does-not-exist.txt",
            ErrorCategory.NOT_FOUND,
            "File not found: <path>"),
        // sample gemini/denied: no rule matches (other); the quoted name folded.
        error(
            "read_file",
            "params must have required property 'file_path'",
            ErrorCategory.OTHER,
            "params must have required property <str>"),
        // sample codex/denied apply_patch: "no such file" (not found) before "exit"; 2 → <n>.
        error(
            "apply_patch",
            "apply_patch verification failed: Failed to read file to update"
                + " /home/dev/project/missing.txt: No such file or directory (os error 2)",
            ErrorCategory.NOT_FOUND,
            "apply_patch verification failed: Failed to read file to update <path>: No such file"
                + " or directory (os error <n>)"),
        // sample codex/basic: "failed to parse" (syntax); backquoted name and two numbers.
        error(
            "shell",
            "failed to parse function arguments: missing field `cmd` at line 1 column 22",
            ErrorCategory.SYNTAX_ERROR,
            "failed to parse function arguments: missing field <str> at line <n> column <n>"),
        // sample codex/denied: "rejected by user" (user rejected) comes before read-only.
        error(
            "apply_patch",
            "patch rejected: writing is blocked by read-only sandbox; rejected by user approval"
                + " settings",
            ErrorCategory.USER_REJECTED,
            "patch rejected: writing is blocked by read-only sandbox; rejected by user approval"
                + " settings"),
        // sample codex/denied: "permissions" is not "permission denied"; no rule (other).
        error(
            "shell",
            "approval policy is Never; reject command — you cannot ask for escalated permissions"
                + " if the approval policy is Never",
            ErrorCategory.OTHER,
            "approval policy is Never; reject command — you cannot ask for escalated permissions"
                + " if the approval policy is Never"),
        // sample gemini/basic run_shell_command: "Exit Code: 3" (case-insensitive); the first
        // line is the wrapper tag, which is not Claude Code's and so stays.
        error(
            "run_shell_command",
            "<untrusted_context>\nOutput: to-stderr\nExit Code: 3\nProcess Group PGID: 19502\n"
                + "</untrusted_context>",
            ErrorCategory.NON_ZERO_EXIT,
            "<untrusted_context>"),
        // Claude Code's Edit: "string to replace not found" (edit target); only line 1.
        error(
            "Edit",
            "<tool_use_error>String to replace not found in file.\nString:   foo(1)"
                + "</tool_use_error>",
            ErrorCategory.EDIT_TARGET_NOT_FOUND,
            "String to replace not found in file."),
        // Claude Code's Edit: "matches of the string to replace" (edit target). Folded, the
        // line is 217 characters; the 160th is the "s" of "please", so the cut is at the space
        // before "please" (character 154).
        error(
            "Edit",
            "<tool_use_error>Found 3 matches of the string to replace, but replace_all is false."
                + " To replace all occurrences, set replace_all to true. To replace only one"
                + " occurrence, please provide more context to uniquely identify the instance.\n"
                + "String: x</tool_use_error>",
            ErrorCategory.EDIT_TARGET_NOT_FOUND,
            "Found <n> matches of the string to replace, but replace_all is false. To replace all"
                + " occurrences, set replace_all to true. To replace only one occurrence,"),
        // exit code 127 and "command not found"; /bin/bash folded, 1 → <n>.
        error(
            "Bash",
            "Exit code 127\n/bin/bash: line 1: rg: command not found",
            ErrorCategory.COMMAND_NOT_FOUND,
            "<path>: line <n>: rg: command not found"),
        // Claude Code's Bash timeout: "timed out"; 2 and 0.0 are numbers.
        error(
            "Bash",
            "Command timed out after 2m 0.0s",
            ErrorCategory.TIMEOUT,
            "Command timed out after <n>m <n>s"),
        // "permission denied" beats the exit code; the quoted path is a quoted string.
        error(
            "Bash",
            "Exit code 1\nmkdir: cannot create directory '/etc/flightlog': Permission denied",
            ErrorCategory.PERMISSION_DENIED,
            "mkdir: cannot create directory <str>: Permission denied"),
        // EACCES on a later line decides; the first line is node's stack frame
        // "node:internal/fs/utils:347": the relative path and the line number fold.
        error(
            "Bash",
            "Exit code 1\nnode:internal/fs/utils:347\n    throw err;\n    ^\n\n"
                + "Error: EACCES: permission denied, open '/usr/lib/node_modules/x'",
            ErrorCategory.PERMISSION_DENIED,
            "node:<path>:<n>"),
        // "could not resolve host" (network); the host has no slash and stays.
        error(
            "Bash",
            "Exit code 6\ncurl: (6) Could not resolve host: api.example.invalid",
            ErrorCategory.NETWORK,
            "curl: (<n>) Could not resolve host: api.example.invalid"),
        // ECONNREFUSED (network); 127.0 and 0.1 are two numbers, 8080 a third.
        error(
            "WebFetch",
            "Error: connect ECONNREFUSED 127.0.0.1:8080",
            ErrorCategory.NETWORK,
            "connect ECONNREFUSED <n>.<n>:<n>"),
        // SyntaxError on a later line; the first line's quoted path and the line number fold.
        error(
            "Bash",
            "Exit code 1\n  File \"/tmp/x.py\", line 3\n    print(\"a\"\n         ^\n"
                + "SyntaxError: '(' was never closed",
            ErrorCategory.SYNTAX_ERROR,
            "File <str>, line <n>"),
        // "no such file" (not found) beats exit code 2.
        error(
            "Bash",
            "Exit code 2\nls: cannot access 'missing': No such file or directory",
            ErrorCategory.NOT_FOUND,
            "ls: cannot access <str>: No such file or directory"),
        // "not found" on line 3 decides; the first line's E404 keeps its letter.
        error(
            "Bash",
            "Exit code 1\nnpm ERR! code E404\n"
                + "npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope - Not found",
            ErrorCategory.NOT_FOUND,
            "npm ERR! code E<n>"),
        // Claude Code's Read limit: no rule (other). 193 characters once folded; the 160th is
        // the second "o" of "GrepTool", so the cut is at the space before "GrepTool".
        error(
            "Read",
            "File content (35412 tokens) exceeds maximum allowed tokens (25000). Please use offset"
                + " and limit parameters to read specific portions of the file, or use the"
                + " GrepTool to search for specific content.",
            ErrorCategory.OTHER,
            "File content (<n> tokens) exceeds maximum allowed tokens (<n>). Please use offset and"
                + " limit parameters to read specific portions of the file, or use the"),
        // Claude Code's Edit guard: no rule (other), unchanged.
        error(
            "Edit",
            "<tool_use_error>File has not been read yet. Read it first before writing to it."
                + "</tool_use_error>",
            ErrorCategory.OTHER,
            "File has not been read yet. Read it first before writing to it."),
        // A rejection Claude Code reported as an error: "doesn't want to proceed" (user
        // rejected); the apostrophe of "doesn't" is not a quote. The 160th character is the "a"
        // of "what", so the cut is at the space before "what".
        error(
            "Write",
            "The user doesn't want to proceed with this tool use. The tool use was rejected (eg."
                + " if it was a file edit, the new_string was NOT written to the file). STOP what"
                + " you are doing and wait for the user to tell you how to proceed.",
            ErrorCategory.USER_REJECTED,
            "The user doesn't want to proceed with this tool use. The tool use was rejected (eg."
                + " if it was a file edit, the new_string was NOT written to the file). STOP"),
        // "interrupted by user" as an error text: interrupted.
        error(
            "Bash",
            "[Request interrupted by user for tool use]",
            ErrorCategory.INTERRUPTED,
            "[Request interrupted by user for tool use]"),
        // git's typo message: no rule but exit code 1; two single-quoted strings.
        error(
            "Bash",
            "Exit code 1\ngit: 'stauts' is not a git command. See 'git --help'.",
            ErrorCategory.NON_ZERO_EXIT,
            "git: <str> is not a git command. See <str>."),
        // exit code 128; a 12-digit hex object name.
        error(
            "Bash",
            "Exit code 128\nfatal: bad object 3f9c2a1b7e4d",
            ErrorCategory.NON_ZERO_EXIT,
            "fatal: bad object <hex>"),
        // "timed out" (timeout); a prefixed id and a UUID.
        error(
            "Task",
            "Agent toolu_01ABCdef23456789xyz failed: request 9b2f6c1e-4d3a-4f5b-8c7d-0e1f2a3b4c5d"
                + " timed out",
            ErrorCategory.TIMEOUT,
            "Agent <id> failed: request <uuid> timed out"),
        // "exit status 1" (Go's wording) is a non-zero exit; the URL folds.
        error(
            "Bash",
            "Exit code 1\ngo: downloading https://proxy.golang.org/x failed: exit status 1",
            ErrorCategory.NON_ZERO_EXIT,
            "go: downloading <url> failed: exit status <n>"),
        // Only a bare exit code line: it is the line, its number folded.
        error("Bash", "Exit code 1", ErrorCategory.NON_ZERO_EXIT, "Exit code <n>"),
        // "Exit code: 0" is not a non-zero exit; nothing else matches (other).
        error(
            "shell",
            "Exit code: 0\nWall time: 0 seconds",
            ErrorCategory.OTHER,
            "Wall time: <n> seconds"),
        // Whitespace runs collapse; blank first lines skipped.
        error("Bash", "\n \n  a\t\tb   c  \n", ErrorCategory.OTHER, "a b c"));
  }

  private static Arguments error(
      String tool, String text, ErrorCategory category, String firstLine) {
    return Arguments.of(tool, text, category, firstLine);
  }

  @ParameterizedTest
  @MethodSource("errors")
  void anErrorHasItsCategoryAndNormalisedFirstLine(
      String tool, String text, ErrorCategory category, String firstLine) {
    assertThat(ErrorSignature.of(tool, ToolStatus.ERROR, text))
        .isEqualTo(new ErrorSignature(tool, category, firstLine));
  }

  @Test
  void okAndPendingCallsHaveNoSignature() {
    assertThat(ErrorSignature.of("Bash", ToolStatus.OK, "Exit code 1")).isNull();
    assertThat(ErrorSignature.of("Bash", ToolStatus.PENDING, null)).isNull();
  }

  @Test
  void deniedCallsAreUserRejectedWhateverTheText() {
    // sample claude/denied: a deny rule's text says "denied", the status decides.
    assertThat(
            ErrorSignature.of(
                "Bash",
                ToolStatus.DENIED,
                "Permission to use Bash with command rm /home/dev/project/victim.txt has been"
                    + " denied."))
        .isEqualTo(
            new ErrorSignature(
                "Bash",
                ErrorCategory.USER_REJECTED,
                "Permission to use Bash with command rm <path> has been denied."));
    // sample claude/denied: an ungranted write.
    assertThat(
            ErrorSignature.of(
                "Write",
                ToolStatus.DENIED,
                "Claude requested permissions to write to /home/dev/project/not-allowed.txt, but"
                    + " you haven't granted it yet."))
        .isEqualTo(
            new ErrorSignature(
                "Write",
                ErrorCategory.USER_REJECTED,
                "Claude requested permissions to write to <path>, but you haven't granted it"
                    + " yet."));
    // sample gemini/denied: a policy refusal; a tool turned off (sample claude/denied).
    assertThat(
            ErrorSignature.of(
                "run_shell_command", ToolStatus.DENIED, "Tool execution denied by policy."))
        .isEqualTo(
            new ErrorSignature(
                "run_shell_command",
                ErrorCategory.USER_REJECTED,
                "Tool execution denied by policy."));
    assertThat(
            ErrorSignature.of(
                "Edit",
                ToolStatus.DENIED,
                "No such tool available: Edit. Edit is disabled for this session, in subagents as"
                    + " well as here."))
        .extracting(ErrorSignature::category)
        .isEqualTo(ErrorCategory.USER_REJECTED);
  }

  @Test
  void interruptedCallsAreInterruptedWhateverTheText() {
    // "Exit code 1" alone would be a non-zero exit; the status decides.
    assertThat(ErrorSignature.of("Bash", ToolStatus.INTERRUPTED, "Exit code 1"))
        .isEqualTo(new ErrorSignature("Bash", ErrorCategory.INTERRUPTED, "Exit code <n>"));
  }

  @Test
  void aMissingTextIsAnEmptyLine() {
    assertThat(ErrorSignature.of("", ToolStatus.ERROR, null))
        .isEqualTo(new ErrorSignature("", ErrorCategory.OTHER, ""));
    assertThat(ErrorSignature.of("Bash", ToolStatus.DENIED, null))
        .isEqualTo(new ErrorSignature("Bash", ErrorCategory.USER_REJECTED, ""));
  }

  @Test
  void sameFailureWithOtherDetailsHasOneSignature() {
    // Two "file not found" errors about other files, at other lines: one signature.
    @Nullable ErrorSignature a =
        ErrorSignature.of("Bash", ToolStatus.ERROR, "Exit code 2\ncat: /tmp/a.txt: No such file");
    @Nullable ErrorSignature b =
        ErrorSignature.of(
            "Bash", ToolStatus.ERROR, "Exit code 1\ncat: ./src/b 2.txt: No such file");
    assertThat(a).isNotNull();
    assertThat(a)
        .isEqualTo(
            new ErrorSignature("Bash", ErrorCategory.NOT_FOUND, "cat: <path>: No such file"));
    // "./src/b" is a path, then " <n>.txt" — the space splits the path, so the lines differ:
    // paths with spaces are not folded whole (documented limit).
    assertThat(b)
        .isEqualTo(
            new ErrorSignature(
                "Bash", ErrorCategory.NOT_FOUND, "cat: <path> <n>.txt: No such file"));
  }

  @Test
  void theCapIsHardWhenTheLineHasNoSpaceInItsSecondHalf() {
    // 200 'x': no space at all, cut at exactly 160.
    var line = "x".repeat(200);
    assertThat(ErrorSignature.of("Bash", ToolStatus.ERROR, line))
        .extracting(ErrorSignature::firstLine)
        .isEqualTo("x".repeat(160));
  }
}
