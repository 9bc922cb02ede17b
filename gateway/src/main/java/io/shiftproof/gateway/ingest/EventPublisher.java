package io.shiftproof.gateway.ingest;

import io.shiftproof.gateway.config.KafkaConfig;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.schemas.wire.SealRequestCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes accepted events to the work-events topic and waits until Kafka has them all.
 *
 * <p>acks=all with the idempotent producer: a broker retry never writes a record twice, and a
 * completed send means every in-sync replica has the record, which is the point after which the
 * gateway may acknowledge. Records are keyed by workerRef so one worker's events stay ordered in
 * one partition for the stream job.
 */
public final class EventPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Duration deliveryTimeout;

  public EventPublisher(String bootstrapServers, KafkaConfig config) {
    this.producer =
        new KafkaProducer<>(
            producerProperties(bootstrapServers, config),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = config.topic();
    this.deliveryTimeout = config.deliveryTimeout();
  }

  /**
   * The producer settings behind an acknowledgement: also what the ingest benchmark's baseline
   * uses, so that baseline and gateway pay for the same durability.
   */
  public static Properties producerProperties(String bootstrapServers, KafkaConfig config) {
    Properties p = new Properties();
    // Mutual TLS: the broker knows the gateway by its certificate and lets it write the topic only.
    p.putAll(config.tls().clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    long deliveryMs = config.deliveryTimeout().toMillis();
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, deliveryMs - 10));
    // A full buffer or missing metadata must not stall a request longer than its own budget.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(deliveryMs, 10_000));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "shiftproof-gateway");
    return p;
  }

  /**
   * Publishes the events and returns once Kafka acknowledged every one of them.
   *
   * @throws PublishException when any record was not acknowledged in time
   */
  public void publishAll(List<RecordedEvent> events) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
    for (RecordedEvent event : events) {
      records.add(record(event.event().workerRef(), RecordedEventCodec.encode(event)));
    }
    sendAndAwait(records, "the batch");
  }

  /**
   * Publishes a request to seal an interim version, keyed by the worker like its events so that the
   * job applies it after them, and returns once Kafka acknowledged it.
   *
   * @throws PublishException when it was not acknowledged in time
   */
  public void publish(SealRequest request) {
    sendAndAwait(
        List.of(record(request.workerRef(), SealRequestCodec.encode(request))), "the seal request");
  }

  private ProducerRecord<byte[], byte[]> record(String workerRef, byte[] value) {
    return new ProducerRecord<>(topic, workerRef.getBytes(StandardCharsets.US_ASCII), value);
  }

  private void sendAndAwait(List<ProducerRecord<byte[], byte[]>> records, String what) {
    CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
    for (int i = 0; i < acks.length; i++) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      producer.send(
          records.get(i),
          (metadata, error) -> {
            if (error == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(error);
            }
          });
    }
    try {
      CompletableFuture.allOf(acks).get(deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new PublishException(
          "Kafka did not accept " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishException("Kafka did not acknowledge " + what + " in " + deliveryTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting for Kafka", e);
    }
  }

  /** Whether the cluster answers a metadata request for the topic. */
  public boolean isReachable() {
    try {
      return !producer.partitionsFor(topic).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Kafka did not acknowledge; nothing of the batch may be acknowledged to the client. */
  public static final class PublishException extends RuntimeException {
    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
