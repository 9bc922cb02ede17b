package io.shiftproof.embedded;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the embedded broker lets clients in: one SSL listener that requires a client certificate, an
 * SSL controller listener, and Kafka's ACL authorizer with nothing allowed that no ACL allows.
 *
 * @param listenerTls the {@code ssl.*} settings of the broker's listeners: its certificate and key
 *     and the CA whose client certificates it accepts (the broker's own certificate must also be a
 *     client certificate: it connects to its controller with it)
 * @param principalMappingRules Kafka's {@code ssl.principal.mapping.rules}, turning a client
 *     certificate's subject into the principal ACLs name
 * @param superUsers principals allowed everything, such as {@code User:broker}; the broker's own
 *     principal must be one
 * @param adminClient the client settings ({@code security.protocol}, {@code ssl.*}) of a super
 *     user, for the broker's own topic administration ({@link
 *     EmbeddedKafkaBroker#createTopicIfAbsent})
 */
public record BrokerSecurity(
    Map<String, String> listenerTls,
    String principalMappingRules,
    List<String> superUsers,
    Map<String, String> adminClient) {

  /** The authorizer of a KRaft cluster, keeping ACLs in the metadata log. */
  public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

  public BrokerSecurity {
    listenerTls = Map.copyOf(listenerTls);
    Objects.requireNonNull(principalMappingRules, "principalMappingRules");
    superUsers = List.copyOf(superUsers);
    adminClient = Map.copyOf(adminClient);
    if (superUsers.isEmpty()) {
      throw new IllegalArgumentException(
          "superUsers: got none, want at least the broker's own principal");
    }
  }
}
