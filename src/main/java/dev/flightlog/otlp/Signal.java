package dev.flightlog.otlp;

/** What an OTLP export carries; each has its own endpoint. */
public enum Signal {
  /** {@code ExportLogsServiceRequest}, POSTed to {@code /v1/logs}. */
  LOGS("/v1/logs"),
  /** {@code ExportMetricsServiceRequest}, POSTed to {@code /v1/metrics}. */
  METRICS("/v1/metrics");

  private final String path;

  Signal(String path) {
    this.path = path;
  }

  /** The OTLP/HTTP path of this signal, also where skips of its requests are counted. */
  public String path() {
    return path;
  }
}
