package io.shiftproof.streamjobs.state;

import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.streamjobs.WorkInput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes the job's input between operators: a tag byte, then the recorded event ({@link
 * RecordedEventSerializer}) or the seal request's fields.
 */
public final class WorkInputSerializer extends TypeSerializerSingleton<WorkInput> {
  private static final long serialVersionUID = 1L;
  private static final byte EVENT = 0;
  private static final byte SEAL = 1;

  public static final WorkInputSerializer INSTANCE = new WorkInputSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public WorkInput createInstance() {
    return null;
  }

  @Override
  public WorkInput copy(WorkInput from) {
    return from;
  }

  @Override
  public WorkInput copy(WorkInput from, WorkInput reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(WorkInput input, DataOutputView out) throws IOException {
    if (input instanceof WorkInput.Event event) {
      out.writeByte(EVENT);
      RecordedEventSerializer.INSTANCE.serialize(event.recorded(), out);
    } else {
      SealRequest r = ((WorkInput.Seal) input).request();
      out.writeByte(SEAL);
      StringValue.writeString(r.workerRef(), out);
      out.writeLong(r.day().toEpochDay());
      StringValue.writeString(r.requestId(), out);
      StringValue.writeString(r.requestedBy(), out);
      WireFields.writeInstant(r.requestedAt(), out);
    }
  }

  @Override
  public WorkInput deserialize(DataInputView in) throws IOException {
    byte tag = in.readByte();
    if (tag == EVENT) {
      return WorkInput.of(RecordedEventSerializer.INSTANCE.deserialize(in));
    }
    if (tag != SEAL) {
      throw new IOException("work input tag: got " + tag + ", want " + EVENT + " or " + SEAL);
    }
    String workerRef = StringValue.readString(in);
    LocalDate day = LocalDate.ofEpochDay(in.readLong());
    String requestId = StringValue.readString(in);
    String requestedBy = StringValue.readString(in);
    Instant requestedAt = WireFields.readInstant(in);
    return WorkInput.of(new SealRequest(workerRef, day, requestId, requestedBy, requestedAt));
  }

  @Override
  public WorkInput deserialize(WorkInput reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<WorkInput> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer from a checkpoint; the format has a single version so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WorkInput> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
