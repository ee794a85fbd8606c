package dev.flightlog.web;

import dev.flightlog.live.Broker;
import dev.flightlog.report.Reports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** A real server on a free loopback port with fake receivers, a known boot id and a fixed clock. */
final class Running implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");
  static final String BOOT = "b00t";

  final FakeReceivers receivers = new FakeReceivers();
  final Broker broker;
  final Server server;

  private Running(Broker broker, Server.Config config, Supplier<Reports> reports) {
    this.broker = broker;
    this.server =
        Server.start(
            config,
            receivers,
            broker,
            () ->
                new Health(
                    "0.1.0-test",
                    4242,
                    Instant.parse("2026-11-24T10:00:00Z"),
                    "/home/me/.local/share/flightlog",
                    "/home/me/.local/share/flightlog/flightlog.db",
                    3,
                    null),
            reports,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static Running start() {
    return start(config -> config);
  }

  static Running start(UnaryOperator<Server.Config> configure) {
    return start(new Broker(BOOT, 16, Duration.ofMinutes(1)), configure);
  }

  static Running start(Broker broker, UnaryOperator<Server.Config> configure) {
    return new Running(
        broker,
        configure.apply(Server.Config.of("127.0.0.1", 0)),
        () -> {
          throw new IllegalStateException("no reports in this test");
        });
  }

  /** A server whose {@code /api/report} computes with these reports. */
  static Running withReports(Supplier<Reports> reports) {
    return new Running(
        new Broker(BOOT, 16, Duration.ofMinutes(1)), Server.Config.of("127.0.0.1", 0), reports);
  }

  /** How many requests to an endpoint were rejected for a reason so far. */
  long rejected(String endpoint, String reason) {
    var reasons = server.counts().rejected().get(endpoint);
    return reasons == null ? 0 : reasons.getOrDefault(reason, 0L);
  }

  int port() {
    return server.port();
  }

  RawHttp client() throws java.io.IOException {
    return new RawHttp(port());
  }

  @Override
  public void close() {
    server.close();
  }
}
