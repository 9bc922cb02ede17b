package io.shiftproof.hub;

import io.shiftproof.config.Settings;
import io.shiftproof.embedded.BrokerSecurity;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the hub's Kafka (docs/design.md §3, "Kafka access"): the gateway writes the
 * events topic, the working-time job reads it in its consumer group, the hub's administration
 * creates topics and ACLs, and nobody else may do anything. The broker denies whatever no ACL
 * allows, so this list is complete.
 *
 * <p>On the embedded broker the hub writes these ACLs itself; on an external cluster its operator
 * does (README, "External Kafka").
 */
public final class KafkaAccess {
  private static final long TIMEOUT_SECONDS = 30;

  private KafkaAccess() {}

  /** The settings of the embedded broker: development certificates, ACLs, no other way in. */
  public static BrokerSecurity embeddedBroker(Path credentialsDir) {
    KafkaTls broker = KafkaTls.development(credentialsDir, KafkaCredentials.BROKER);
    return new BrokerSecurity(
        broker.sslProperties(),
        KafkaCredentials.PRINCIPAL_MAPPING_RULES,
        List.of(
            KafkaCredentials.principal(KafkaCredentials.BROKER),
            KafkaCredentials.principal(KafkaCredentials.ADMIN)),
        KafkaTls.development(credentialsDir, KafkaCredentials.ADMIN).clientProperties());
  }

  /** The hub's administration client (a super user of the embedded broker). */
  public static KafkaTls admin(Settings s) {
    return client(s, HubKeys.KAFKA_ADMIN_CERT, HubKeys.KAFKA_ADMIN_KEY, KafkaCredentials.ADMIN);
  }

  /** The embedded working-time job's client. */
  public static KafkaTls job(Settings s) {
    return client(s, HubKeys.KAFKA_JOB_CERT, HubKeys.KAFKA_JOB_KEY, KafkaCredentials.JOB);
  }

  /**
   * The ACLs of the hub's topic: the gateway may write it, the job may read it in {@code jobGroup};
   * both may describe it (metadata), nothing more.
   */
  public static List<AclBinding> topicAcls(String topic, String jobGroup) {
    String gateway = KafkaCredentials.principal(KafkaCredentials.GATEWAY);
    String job = KafkaCredentials.principal(KafkaCredentials.JOB);
    ResourcePattern events = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
    ResourcePattern group = new ResourcePattern(ResourceType.GROUP, jobGroup, PatternType.LITERAL);
    return List.of(
        allow(events, gateway, AclOperation.WRITE),
        allow(events, gateway, AclOperation.DESCRIBE),
        allow(events, job, AclOperation.READ),
        allow(events, job, AclOperation.DESCRIBE),
        allow(group, job, AclOperation.READ));
  }

  /**
   * Writes {@link #topicAcls} and waits until the broker applies them, so the gateway's first send
   * is not refused by ACLs still on their way from the controller.
   *
   * @param admin the client settings of a principal allowed to alter ACLs
   */
  public static void grant(
      String bootstrapServers, Map<String, String> admin, String topic, String jobGroup) {
    List<AclBinding> acls = topicAcls(topic, jobGroup);
    Map<String, Object> config = new HashMap<>(admin);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin client = Admin.create(config)) {
      client.createAcls(acls).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (!client
          .describeAcls(AclBindingFilter.ANY)
          .values()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .containsAll(acls)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Kafka at " + bootstrapServers + " did not apply the hub's ACLs within 30 s");
        }
        Thread.sleep(50);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot write the hub's ACLs to Kafka at " + bootstrapServers + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static AclBinding allow(ResourcePattern resource, String principal, AclOperation op) {
    return new AclBinding(
        resource, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  private static KafkaTls client(
      Settings s,
      io.shiftproof.config.ConfigKey<String> certKey,
      io.shiftproof.config.ConfigKey<String> keyKey,
      String name) {
    Path credentials = s.get(GatewayKeys.DATA_DIR).resolve("credentials");
    KafkaTls development = KafkaTls.development(credentials, name);
    String ca = s.get(GatewayKeys.KAFKA_CA_CERT);
    String cert = s.get(certKey);
    String key = s.get(keyKey);
    return new KafkaTls(
        ca.isEmpty() ? development.caCertificate() : Path.of(ca),
        cert.isEmpty() ? development.certificate() : Path.of(cert),
        key.isEmpty() ? development.privateKey() : Path.of(key));
  }
}
