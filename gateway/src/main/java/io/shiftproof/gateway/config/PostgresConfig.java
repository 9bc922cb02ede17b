package io.shiftproof.gateway.config;

import java.util.Optional;

/** The hub's database. An empty URL means the embedded server. */
public record PostgresConfig(Optional<String> url, String user, String password, int poolSize) {

  public static PostgresConfig from(HubSettings s) {
    String url = s.get(HubKeys.POSTGRES_URL);
    return new PostgresConfig(
        url.isEmpty() ? Optional.empty() : Optional.of(url),
        s.get(HubKeys.POSTGRES_USER),
        s.get(HubKeys.POSTGRES_PASSWORD),
        s.get(HubKeys.POSTGRES_POOL_SIZE));
  }

  /** The same configuration pointed at a given server. */
  public PostgresConfig withServer(String jdbcUrl, String user, String password) {
    return new PostgresConfig(Optional.of(jdbcUrl), user, password, poolSize);
  }
}
