package io.shiftproof.streamjobs.state;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link RecordedEvent} field by field where it crosses the {@code keyBy}. Its {@code
 * Optional} fields would otherwise send every event through Kryo; the topic's Avro encoding would
 * work too but costs a schema lookup and an RFC 3339 parse per event.
 */
public final class RecordedEventSerializer extends TypeSerializerSingleton<RecordedEvent> {

  private static final long serialVersionUID = 1L;

  public static final RecordedEventSerializer INSTANCE = new RecordedEventSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public RecordedEvent createInstance() {
    return null;
  }

  @Override
  public RecordedEvent copy(RecordedEvent from) {
    return from;
  }

  @Override
  public RecordedEvent copy(RecordedEvent from, RecordedEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(RecordedEvent recorded, DataOutputView out) throws IOException {
    StringValue.writeString(recorded.platform(), out);
    StringValue.writeString(recorded.batchId(), out);
    WireFields.writeInstant(recorded.receivedAt(), out);
    WorkEvent event = recorded.event();
    StringValue.writeString(event.eventId(), out);
    StringValue.writeString(event.workerRef(), out);
    StringValue.writeString(event.sessionId(), out);
    WireFields.writeEventType(event.type(), out);
    WireFields.writeOptional(event.taskRef(), out);
    WireFields.writeInstant(event.occurredAt(), out);
    StringValue.writeString(event.occurredAtText(), out);
    WireFields.writeOptional(event.cell(), out);
  }

  @Override
  public RecordedEvent deserialize(DataInputView in) throws IOException {
    String platform = StringValue.readString(in);
    String batchId = StringValue.readString(in);
    Instant receivedAt = WireFields.readInstant(in);
    String eventId = StringValue.readString(in);
    String workerRef = StringValue.readString(in);
    String sessionId = StringValue.readString(in);
    WorkEventType type = WireFields.readEventType(in);
    Optional<String> taskRef = WireFields.readOptional(in);
    Instant occurredAt = WireFields.readInstant(in);
    String occurredAtText = StringValue.readString(in);
    Optional<String> cell = WireFields.readOptional(in);
    return new RecordedEvent(
        platform,
        batchId,
        receivedAt,
        new WorkEvent(
            eventId, workerRef, sessionId, type, taskRef, occurredAt, occurredAtText, cell));
  }

  @Override
  public RecordedEvent deserialize(RecordedEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<RecordedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer from a checkpoint; the format has a single version so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RecordedEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
