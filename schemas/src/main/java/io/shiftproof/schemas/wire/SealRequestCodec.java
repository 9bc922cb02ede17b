package io.shiftproof.schemas.wire;

import java.time.LocalDate;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/**
 * The topic form of a {@link SealRequest}: Avro single-object encoding, whose schema fingerprint
 * tells it apart from a recorded event on the same topic ({@link #isSealRequest}). Thread-safe.
 */
public final class SealRequestCodec {
  private static final SchemaHistory HISTORY =
      SchemaHistory.load("SealRequest", io.shiftproof.schemas.avro.SealRequest.getClassSchema());
  private static final SpecificData MODEL =
      new io.shiftproof.schemas.avro.SealRequest().getSpecificData();
  private static final BinaryMessageEncoder<io.shiftproof.schemas.avro.SealRequest> ENCODER =
      new BinaryMessageEncoder<>(MODEL, HISTORY.current(), false);
  private static final SingleObjectReader<io.shiftproof.schemas.avro.SealRequest> READER =
      SingleObjectReader.ofStoredRecord("seal request", HISTORY, MODEL, 1024, 16);

  private SealRequestCodec() {}

  public static byte[] encode(SealRequest request) {
    return SingleObjectEncoding.encode(
        ENCODER,
        new io.shiftproof.schemas.avro.SealRequest(
            request.workerRef(),
            request.day().toString(),
            request.requestId(),
            request.requestedBy(),
            request.requestedAt()));
  }

  /**
   * @throws MalformedRecordException if the bytes are corrupt or name an unknown schema version
   */
  public static SealRequest decode(byte[] bytes) {
    io.shiftproof.schemas.avro.SealRequest r = READER.read(bytes);
    return new SealRequest(
        r.getWorkerRef(),
        LocalDate.parse(r.getDay()),
        r.getRequestId(),
        r.getRequestedBy(),
        r.getRequestedAt());
  }

  /** Whether a topic value is a seal request (of any released version) rather than an event. */
  public static boolean isSealRequest(byte[] bytes) {
    return SingleObjectEncoding.hasHeader(bytes)
        && HISTORY.writerOrNull(SingleObjectEncoding.readFingerprint(bytes)) != null;
  }
}
