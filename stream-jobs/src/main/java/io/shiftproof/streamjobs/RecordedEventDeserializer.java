package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.MalformedRecordException;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.streamjobs.state.RecordedEventTypeInfo;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the values of the {@code work-events} topic ({@link RecordedEventCodec}).
 *
 * <p>The gateway validated every record before writing it, so a value that does not decode is
 * corruption or a schema version this job does not know. It is logged and skipped rather than
 * failing the job: a failing record would otherwise be re-read after every restart and stop all
 * workers' time, not just the one event's.
 */
public final class RecordedEventDeserializer extends AbstractDeserializationSchema<RecordedEvent> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RecordedEventDeserializer.class);

  public RecordedEventDeserializer() {
    super(RecordedEventTypeInfo.INSTANCE);
  }

  @Override
  public RecordedEvent deserialize(byte[] message) {
    return RecordedEventCodec.decode(message);
  }

  @Override
  public void deserialize(byte[] message, Collector<RecordedEvent> out) {
    if (message == null) {
      return;
    }
    try {
      out.collect(RecordedEventCodec.decode(message));
    } catch (MalformedRecordException e) {
      LOG.warn("Skipping an undecodable work-events record: {}", e.getMessage());
    }
  }
}
