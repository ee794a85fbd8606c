package dev.flightlog.daemon;

import dev.flightlog.Channel;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.OtlpIntake;
import dev.flightlog.otlp.OtlpException;
import dev.flightlog.web.Receivers;
import java.time.Instant;

/**
 * The web server's receivers: hook payloads and OTLP requests go to their ingest intakes. (Inside
 * this record, {@code Signal} and {@code Encoding} are the web's; the OTLP ones are named in full.)
 */
record Intakes(HookIntake hooks, OtlpIntake otlp) implements Receivers {

  @Override
  public void hook(byte[] body, Instant receivedAt) {
    hooks.accept(body, Channel.HTTP_HOOK, receivedAt);
  }

  @Override
  public OtlpReply otlp(Signal signal, Encoding encoding, byte[] body) {
    try {
      var result =
          otlp.accept(
              switch (signal) {
                case LOGS -> dev.flightlog.otlp.Signal.LOGS;
                case METRICS -> dev.flightlog.otlp.Signal.METRICS;
              },
              body,
              switch (encoding) {
                case JSON -> dev.flightlog.otlp.Encoding.JSON;
                case PROTOBUF -> dev.flightlog.otlp.Encoding.PROTOBUF;
              });
      return new OtlpReply.Accepted(
          result.accepted(),
          result.rejected(),
          result.rejected() == 0
              ? ""
              : result.rejected() + " item(s) without the ids flightlog keys on");
    } catch (OtlpException e) {
      var message = e.getMessage();
      return new OtlpReply.Malformed(message == null ? e.toString() : message);
    }
  }
}
