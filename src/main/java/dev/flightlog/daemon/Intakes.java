package dev.flightlog.daemon;

import dev.flightlog.Channel;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.OtlpIntake;
import dev.flightlog.otlp.Encoding;
import dev.flightlog.otlp.OtlpException;
import dev.flightlog.otlp.Signal;
import dev.flightlog.web.Receivers;
import java.time.Instant;

/** The web server's receivers: hook payloads and OTLP requests go to their ingest intakes. */
record Intakes(HookIntake hooks, OtlpIntake otlp) implements Receivers {

  @Override
  public void hook(byte[] body, Instant receivedAt) {
    hooks.accept(body, Channel.HTTP_HOOK, receivedAt);
  }

  @Override
  public OtlpReply otlp(Receivers.Signal signal, Receivers.Encoding encoding, byte[] body) {
    try {
      var result =
          otlp.accept(
              switch (signal) {
                case LOGS -> Signal.LOGS;
                case METRICS -> Signal.METRICS;
              },
              body,
              switch (encoding) {
                case JSON -> Encoding.JSON;
                case PROTOBUF -> Encoding.PROTOBUF;
              });
      return new OtlpReply.Accepted(
          result.accepted(),
          result.rejected(),
          result.rejected() == 0 ? "" : result.rejected() + " item(s) without the ids flightlog keys on");
    } catch (OtlpException e) {
      return new OtlpReply.Malformed(e.getMessage());
    }
  }
}
