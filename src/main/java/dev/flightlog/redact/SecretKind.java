package dev.flightlog.redact;

/**
 * The kinds of secret the rules find; each leaves its own marker. Wire names are stored (in the
 * redaction counts and in the markers themselves), so they are never renamed.
 */
public enum SecretKind {
  /** A PEM or OpenSSH private key block, {@code -----BEGIN … PRIVATE KEY-----} to its END line. */
  PRIVATE_KEY("private_key"),
  /** An AWS access key id: {@code AKIA…}, {@code ASIA…} (20 characters). */
  AWS_ACCESS_KEY("aws_access_key"),
  /** An AWS secret access key: 40 characters next to an {@code aws_secret_access_key} name. */
  AWS_SECRET_KEY("aws_secret_key"),
  /** A GitHub token: {@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_}. */
  GITHUB_TOKEN("github_token"),
  /** A GitLab personal access token: {@code glpat-}. */
  GITLAB_TOKEN("gitlab_token"),
  /** A Slack token: {@code xoxb- xoxp- xoxa- xoxo- xoxs- xoxr-}. */
  SLACK_TOKEN("slack_token"),
  /** The secret path of a Slack webhook URL ({@code hooks.slack.com/services/…}). */
  SLACK_WEBHOOK("slack_webhook"),
  /** A Stripe secret or restricted key: {@code sk_live_ rk_live_ sk_test_ rk_test_}. */
  STRIPE_KEY("stripe_key"),
  /** An Anthropic API key: {@code sk-ant-}. */
  ANTHROPIC_KEY("anthropic_key"),
  /** An OpenAI API key: {@code sk-}, {@code sk-proj-}, {@code sk-svcacct-}, {@code sk-admin-}. */
  OPENAI_KEY("openai_key"),
  /** A Google API key: {@code AIza} and 35 characters. */
  GOOGLE_API_KEY("google_api_key"),
  /** An npm access token: {@code npm_} and 36 characters. */
  NPM_TOKEN("npm_token"),
  /** A PyPI upload token: {@code pypi-Ag…}. */
  PYPI_TOKEN("pypi_token"),
  /** A Hugging Face token: {@code hf_}. */
  HUGGINGFACE_TOKEN("huggingface_token"),
  /** A SendGrid API key: {@code SG.x.y}. */
  SENDGRID_KEY("sendgrid_key"),
  /** A Twilio API key: {@code SK} and 32 hex digits. */
  TWILIO_KEY("twilio_key"),
  /** A JSON Web Token: {@code eyJ….eyJ….signature}. */
  JWT("jwt"),
  /** The token of a {@code Bearer} authorization (or of a bare {@code Authorization:} header). */
  BEARER_TOKEN("bearer_token"),
  /** The credentials of an {@code Authorization: Basic} header. */
  BASIC_AUTH("basic_auth"),
  /** The password of a URL's user info: {@code scheme://user:PASSWORD@host}. */
  URL_PASSWORD("url_password"),
  /** The value assigned to a secret-like name: {@code API_KEY=…}, {@code "password": "…"}. */
  ENV_SECRET("env_secret"),
  /** A high-entropy string next to a secret-like name: {@code --token 3kP9…}. */
  HIGH_ENTROPY("high_entropy");

  /** What every marker starts with; no rule matches text that starts with it. */
  static final String MARKER_PREFIX = "[REDACTED:";

  private final String wireName;

  SecretKind(String wireName) {
    this.wireName = wireName;
  }

  /** The stored name, e.g. {@code aws_access_key}. */
  public String wireName() {
    return wireName;
  }

  /** What replaces a secret of this kind: {@code [REDACTED:aws_access_key]}. */
  public String marker() {
    return MARKER_PREFIX + wireName + "]";
  }

  /** The kind with this wire name; throws with the allowed values when there is none. */
  public static SecretKind fromWireName(String name) {
    for (var kind : values()) {
      if (kind.wireName.equals(name)) {
        return kind;
      }
    }
    var names = new StringBuilder();
    for (var kind : values()) {
      names.append(names.isEmpty() ? "" : ", ").append(kind.wireName);
    }
    throw new IllegalArgumentException(
        "unknown secret kind '" + name + "' (expected one of: " + names + ")");
  }
}
