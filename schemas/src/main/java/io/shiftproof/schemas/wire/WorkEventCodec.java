package io.shiftproof.schemas.wire;

import org.apache.avro.message.BinaryMessageEncoder;

/**
 * One event's canonical bytes: the Avro single-object encoding of the wire schema's {@code
 * WorkEvent}, whatever encoding (JSON or Avro) the platform sent it in. A batch's events root is
 * the Merkle tree over these bytes in the order the batch lists the events, so one event can later
 * be shown to belong to a batch its platform signed.
 */
public final class WorkEventCodec {
  private static final BinaryMessageEncoder<io.shiftproof.schemas.avro.WorkEvent> ENCODER =
      new BinaryMessageEncoder<>(
          new io.shiftproof.schemas.avro.WorkEvent().getSpecificData(),
          io.shiftproof.schemas.avro.WorkEvent.getClassSchema(),
          false);

  private WorkEventCodec() {}

  /** The event's canonical bytes. */
  public static byte[] canonical(WorkEvent event) {
    return SingleObjectEncoding.encode(ENCODER, AvroMapping.toAvro(event));
  }
}
