package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.util.Optional;

/**
 * The hub's database. An empty URL means the embedded server.
 *
 * @param user the role the hub connects as at run time
 * @param owner the role that owns the tables, applies the migrations and grants {@code user} its
 *     privileges; empty when {@code user} applies the migrations itself
 */
public record PostgresConfig(
    Optional<String> url, String user, String password, Optional<Credentials> owner, int poolSize) {

  /** A role and its password. */
  public record Credentials(String user, String password) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + "]";
    }
  }

  public static PostgresConfig from(Settings s) {
    String url = s.get(GatewayKeys.POSTGRES_URL);
    String owner = s.get(GatewayKeys.POSTGRES_OWNER_USER);
    return new PostgresConfig(
        url.isEmpty() ? Optional.empty() : Optional.of(url),
        s.get(GatewayKeys.POSTGRES_USER),
        s.get(GatewayKeys.POSTGRES_PASSWORD),
        owner.isEmpty()
            ? Optional.empty()
            : Optional.of(new Credentials(owner, s.get(GatewayKeys.POSTGRES_OWNER_PASSWORD))),
        s.get(GatewayKeys.POSTGRES_POOL_SIZE));
  }

  /** The same configuration pointed at a given server, connecting as {@code user}. */
  public PostgresConfig withServer(String jdbcUrl, String user, String password) {
    return new PostgresConfig(Optional.of(jdbcUrl), user, password, owner, poolSize);
  }

  /** The same configuration with the tables' owner. */
  public PostgresConfig withOwner(String ownerUser, String ownerPassword) {
    return new PostgresConfig(
        url, user, password, Optional.of(new Credentials(ownerUser, ownerPassword)), poolSize);
  }

  @Override
  public String toString() {
    return "PostgresConfig[url=" + url + ", user=" + user + ", owner=" + owner + "]";
  }
}
