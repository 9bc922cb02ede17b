package io.shiftproof.gateway.config;

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

  public static GatewayConfig from(HubSettings s) {
    return new GatewayConfig(
        s.get(HubKeys.GATEWAY_HOST),
        s.get(HubKeys.GATEWAY_PORT),
        s.get(HubKeys.MANAGEMENT_HOST),
        s.get(HubKeys.MANAGEMENT_PORT),
        s.get(HubKeys.GATEWAY_INSTANCES),
        s.get(HubKeys.MAX_BODY_BYTES),
        s.get(HubKeys.REQUEST_TIMEOUT),
        s.get(HubKeys.IDLE_TIMEOUT),
        s.get(HubKeys.MAX_EVENTS_PER_BATCH),
        s.get(HubKeys.MAX_FUTURE_SKEW));
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
