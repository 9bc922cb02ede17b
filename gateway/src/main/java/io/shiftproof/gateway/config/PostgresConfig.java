package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.util.Optional;

/** The hub's database. An empty URL means the embedded server. */
public record PostgresConfig(Optional<String> url, String user, String password, int poolSize) {

  public static PostgresConfig from(Settings s) {
    String url = s.get(GatewayKeys.POSTGRES_URL);
    return new PostgresConfig(
        url.isEmpty() ? Optional.empty() : Optional.of(url),
        s.get(GatewayKeys.POSTGRES_USER),
        s.get(GatewayKeys.POSTGRES_PASSWORD),
        s.get(GatewayKeys.POSTGRES_POOL_SIZE));
  }

  /** The same configuration pointed at a given server. */
  public PostgresConfig withServer(String jdbcUrl, String user, String password) {
    return new PostgresConfig(Optional.of(jdbcUrl), user, password, poolSize);
  }
}
