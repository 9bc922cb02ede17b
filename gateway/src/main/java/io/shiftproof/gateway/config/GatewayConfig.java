package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.time.Duration;

/** Configuration of the HTTP API and its management endpoints. */
public record GatewayConfig(
    String host,
    int port,
    String managementHost,
    int managementPort,
    int instances,
    long maxBodyBytes,
    Duration requestTimeout,
    Duration idleTimeout,
    int maxEventsPerBatch,
    Duration maxFutureSkew) {

  public static GatewayConfig from(Settings s) {
    return new GatewayConfig(
        s.get(GatewayKeys.GATEWAY_HOST),
        s.get(GatewayKeys.GATEWAY_PORT),
        s.get(GatewayKeys.MANAGEMENT_HOST),
        s.get(GatewayKeys.MANAGEMENT_PORT),
        s.get(GatewayKeys.GATEWAY_INSTANCES),
        s.get(GatewayKeys.MAX_BODY_BYTES),
        s.get(GatewayKeys.REQUEST_TIMEOUT),
        s.get(GatewayKeys.IDLE_TIMEOUT),
        s.get(GatewayKeys.MAX_EVENTS_PER_BATCH),
        s.get(GatewayKeys.MAX_FUTURE_SKEW));
  }

  /** The same configuration on another port. */
  public GatewayConfig withPort(int newPort) {
    return new GatewayConfig(
        host,
        newPort,
        managementHost,
        managementPort,
        instances,
        maxBodyBytes,
        requestTimeout,
        idleTimeout,
        maxEventsPerBatch,
        maxFutureSkew);
  }
}
