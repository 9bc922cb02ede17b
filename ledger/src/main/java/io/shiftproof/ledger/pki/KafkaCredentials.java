package io.shiftproof.ledger.pki;

import java.util.List;

/**
 * The Kafka identities of a hub: the broker and the three clients that may use it. Each has a
 * certificate from the organisation CA with subject {@code CN=<name>, OU=kafka, O=...}; the broker
 * maps such a subject to the principal {@code User:<name>} ({@link #PRINCIPAL_MAPPING_RULES}) and
 * every other subject (an organisation's certificate, say) to its whole DN, which no ACL names.
 *
 * <ul>
 *   <li>{@link #BROKER}: the broker itself (listener certificate, and client of its controller);
 *   <li>{@link #GATEWAY}: writes accepted events and seal requests to the events topic;
 *   <li>{@link #JOB}: the working-time job, reads the events topic in its consumer group;
 *   <li>{@link #ADMIN}: the hub's administration, creates topics and ACLs.
 * </ul>
 */
public final class KafkaCredentials {
  private KafkaCredentials() {}

  /** The OU of every Kafka certificate; it names no organisation role. */
  public static final String OU = "kafka";

  /** The directory under the credentials directory holding one directory per Kafka identity. */
  public static final String DIRECTORY = "kafka";

  public static final String BROKER = "broker";
  public static final String GATEWAY = "gateway";
  public static final String JOB = "job";
  public static final String ADMIN = "admin";

  /** Every Kafka identity the development credentials hold. */
  public static final List<String> NAMES = List.of(BROKER, GATEWAY, JOB, ADMIN);

  /**
   * Host names the broker's certificate carries besides the loopback ones: {@code kafka}, the
   * broker's service name in {@code docker/compose.yaml}.
   */
  public static final List<String> BROKER_NAMES = List.of("kafka");

  /**
   * Kafka's {@code ssl.principal.mapping.rules}: {@code CN=<name>,OU=kafka,O=<o>} becomes {@code
   * <name>}; anything else keeps its whole RFC 2253 subject (DEFAULT). RFC 2253 escapes a comma
   * inside a value, so a CN cannot smuggle in an {@code OU=kafka} of its own.
   */
  public static final String PRINCIPAL_MAPPING_RULES =
      "RULE:^CN=([a-z0-9-]+),OU=kafka,O=[^,]+$/$1/,DEFAULT";

  /** The principal Kafka's ACLs name for one of {@link #NAMES}. */
  public static String principal(String name) {
    return "User:" + name;
  }
}
