package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.MalformedRecordException;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.SealRequestCodec;
import io.shiftproof.streamjobs.state.WorkInputTypeInfo;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the values of the {@code work-events} topic: recorded events ({@link RecordedEventCodec})
 * and seal requests ({@link SealRequestCodec}), told apart by their schema fingerprint.
 *
 * <p>The gateway validated every record before writing it, so a value that does not decode is
 * corruption or a schema version this job does not know. It is logged and skipped rather than
 * failing the job: a failing record would otherwise be re-read after every restart and stop all
 * workers' time, not just the one event's.
 */
public final class WorkInputDeserializer extends AbstractDeserializationSchema<WorkInput> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WorkInputDeserializer.class);

  public WorkInputDeserializer() {
    super(WorkInputTypeInfo.INSTANCE);
  }

  @Override
  public WorkInput deserialize(byte[] message) {
    return SealRequestCodec.isSealRequest(message)
        ? WorkInput.of(SealRequestCodec.decode(message))
        : WorkInput.of(RecordedEventCodec.decode(message));
  }

  @Override
  public void deserialize(byte[] message, Collector<WorkInput> out) {
    if (message == null) {
      return;
    }
    try {
      out.collect(deserialize(message));
    } catch (MalformedRecordException e) {
      LOG.warn("Skipping an undecodable work-events record: {}", e.getMessage());
    }
  }
}
