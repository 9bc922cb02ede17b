package io.shiftproof.schemas.wire;

import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Writes an {@link EventBatch} as an Avro single-object encoded {@code EventBatch} under the
 * current schema, the form {@link BatchDecoder#decodeAvro} reads ({@code application/avro}).
 */
public final class BatchAvroWriter {
  private static final BinaryMessageEncoder<io.shiftproof.schemas.avro.EventBatch> ENCODER =
      new BinaryMessageEncoder<>(
          new io.shiftproof.schemas.avro.EventBatch().getSpecificData(),
          io.shiftproof.schemas.avro.EventBatch.getClassSchema(),
          false);

  private BatchAvroWriter() {}

  /** The batch in Avro single-object encoding. */
  public static byte[] toAvro(EventBatch batch) {
    return SingleObjectEncoding.encode(ENCODER, AvroMapping.toAvro(batch));
  }
}
