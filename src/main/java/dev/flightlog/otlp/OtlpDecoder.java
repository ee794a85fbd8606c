package dev.flightlog.otlp;

/**
 * Decodes one OTLP/HTTP export request into facts. JSON and protobuf bodies are read into the same
 * wire records, so a request means the same whichever encoding carried it.
 */
public final class OtlpDecoder {

  private OtlpDecoder() {}

  /**
   * The facts of an (already inflated) request body.
   *
   * @throws OtlpException when the body is not a request of that signal in that encoding; the
   *     message names the byte where reading stopped and what was wrong there
   */
  public static Export decode(Signal signal, Encoding encoding, byte[] body) {
    var dropped = new Dropped();
    return switch (signal) {
      case LOGS ->
          ClaudeLogs.map(
              switch (encoding) {
                case JSON -> JsonBody.logs(body, dropped);
                case PROTOBUF -> ProtobufBody.logs(body);
              },
              dropped);
      case METRICS ->
          MetricPoints.map(
              switch (encoding) {
                case JSON -> JsonBody.metrics(body, dropped);
                case PROTOBUF -> ProtobufBody.metrics(body);
              },
              dropped);
    };
  }
}
