package io.shiftproof.hub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics when they do not exist yet, on the embedded or an external cluster. */
public final class TopicAdmin {
  private TopicAdmin() {}

  /** Creates the topic on a cluster that lets anyone do so (the benchmarks' own broker). */
  public static void ensureTopic(String bootstrapServers, String topic, int partitions) {
    ensureTopic(bootstrapServers, Map.of(), topic, partitions);
  }

  /**
   * Creates the topic as the principal of {@code client}.
   *
   * @param client the client's {@code security.protocol} and {@code ssl.*} settings
   */
  public static void ensureTopic(
      String bootstrapServers, Map<String, String> client, String topic, int partitions) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(config)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      short replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, replication)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
