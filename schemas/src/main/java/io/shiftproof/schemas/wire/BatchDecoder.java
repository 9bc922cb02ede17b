package io.shiftproof.schemas.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * The strict decoder of posted event batches (docs/design.md §4, §8), for JSON and Avro bodies.
 *
 * <p>Problems with the batch as a whole (unreadable body, bad batchId, no or too many events,
 * parser limits) throw {@link BatchRejectedException}; a problem with one event rejects only that
 * event, by index, and keeps the valid events around it. Thread-safe; share one instance.
 */
public final class BatchDecoder {
  private final BatchLimits limits;
  private final JsonBatchReader json;
  private final AvroBatchReader avro;

  /** A decoder with {@link BatchLimits#defaults()}. */
  public BatchDecoder() {
    this(BatchLimits.defaults());
  }

  public BatchDecoder(BatchLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    EventValidator validator = new EventValidator(limits);
    this.json = new JsonBatchReader(limits, validator);
    this.avro = new AvroBatchReader(limits, validator);
  }

  public BatchLimits limits() {
    return limits;
  }

  /**
   * Decodes a UTF-8 JSON batch.
   *
   * @param now the hub's clock, against which future timestamps are judged
   * @throws BatchRejectedException if the batch as a whole is unusable
   */
  public DecodedBatch decodeJson(byte[] body, Instant now) {
    return json.read(Objects.requireNonNull(body, "body"), Objects.requireNonNull(now, "now"));
  }

  /**
   * Decodes an Avro single-object encoded {@code EventBatch} written with any released version of
   * its schema.
   *
   * @param now the hub's clock, against which future timestamps are judged
   * @throws BatchRejectedException if the batch as a whole is unusable
   */
  public DecodedBatch decodeAvro(byte[] body, Instant now) {
    return avro.read(Objects.requireNonNull(body, "body"), Objects.requireNonNull(now, "now"));
  }

  /** The fingerprint Avro bodies written by the current schema carry, as clients should send. */
  public static long currentAvroFingerprint() {
    return AvroBatchReader.HISTORY.currentFingerprint();
  }
}
