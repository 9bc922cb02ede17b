package io.shiftproof.streamjobs.state;

import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.worktime.TimelineEvent;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Stores a {@link TimelineEvent} field by field. A record with {@code Instant} fields is not a
 * Flink POJO, so without this serializer every stored event would go through Kryo, and with RocksDB
 * each event is written once and read back on every timeline restore.
 */
public final class TimelineEventSerializer extends TypeSerializerSingleton<TimelineEvent> {

  private static final long serialVersionUID = 1L;

  public static final TimelineEventSerializer INSTANCE = new TimelineEventSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TimelineEvent createInstance() {
    return null;
  }

  @Override
  public TimelineEvent copy(TimelineEvent from) {
    return from;
  }

  @Override
  public TimelineEvent copy(TimelineEvent from, TimelineEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TimelineEvent event, DataOutputView out) throws IOException {
    StringValue.writeString(event.platform(), out);
    StringValue.writeString(event.batchId(), out);
    WireFields.writeInstant(event.receivedAt(), out);
    StringValue.writeString(event.eventId(), out);
    StringValue.writeString(event.sessionId(), out);
    WireFields.writeEventType(event.type(), out);
    StringValue.writeString(event.taskRef(), out);
    WireFields.writeInstant(event.occurredAt(), out);
  }

  @Override
  public TimelineEvent deserialize(DataInputView in) throws IOException {
    String platform = StringValue.readString(in);
    String batchId = StringValue.readString(in);
    Instant receivedAt = WireFields.readInstant(in);
    String eventId = StringValue.readString(in);
    String sessionId = StringValue.readString(in);
    WorkEventType type = WireFields.readEventType(in);
    String taskRef = StringValue.readString(in);
    Instant occurredAt = WireFields.readInstant(in);
    return new TimelineEvent(
        platform, batchId, receivedAt, eventId, sessionId, type, taskRef, occurredAt);
  }

  @Override
  public TimelineEvent deserialize(TimelineEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<TimelineEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer from a checkpoint; the format has a single version so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TimelineEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
