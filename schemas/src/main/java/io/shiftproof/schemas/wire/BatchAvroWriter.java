package io.shiftproof.schemas.wire;

/**
 * Writes an {@link EventBatch} as an Avro single-object encoded {@code EventBatch} under the
 * current schema, the form {@link BatchDecoder#decodeAvro} reads ({@code application/avro}).
 */
public final class BatchAvroWriter {
  private static final SingleObjectWriter<io.shiftproof.schemas.avro.EventBatch> WRITER =
      new SingleObjectWriter<>(
          io.shiftproof.schemas.avro.EventBatch.getClassSchema(),
          new io.shiftproof.schemas.avro.EventBatch().getSpecificData());

  private BatchAvroWriter() {}

  /** The batch in Avro single-object encoding. */
  public static byte[] toAvro(EventBatch batch) {
    return WRITER.write(AvroMapping.toAvro(batch));
  }
}
