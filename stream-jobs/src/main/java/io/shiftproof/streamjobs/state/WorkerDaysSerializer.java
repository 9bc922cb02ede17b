package io.shiftproof.streamjobs.state;

import io.shiftproof.streamjobs.records.SealedDay;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores {@link WorkerDays} as counts and fixed-width entries: it is read and written on every
 * event and timer, so a generic (POJO or Kryo) serializer of its maps would cost more than the
 * state access it replaces.
 */
public final class WorkerDaysSerializer extends TypeSerializerSingleton<WorkerDays> {

  private static final long serialVersionUID = 1L;

  public static final WorkerDaysSerializer INSTANCE = new WorkerDaysSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public WorkerDays createInstance() {
    return new WorkerDays();
  }

  @Override
  public WorkerDays copy(WorkerDays from) {
    return from.copy();
  }

  @Override
  public WorkerDays copy(WorkerDays from, WorkerDays reuse) {
    return from.copy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(WorkerDays days, DataOutputView out) throws IOException {
    out.writeBoolean(days.pendingUpdate().isPresent());
    out.writeLong(days.pendingUpdate().orElse(0));
    out.writeInt(days.openDays().size());
    for (Map.Entry<Long, LiveDay> open : days.openDays().entrySet()) {
      out.writeLong(open.getKey());
      out.writeByte(open.getValue().code());
    }
    out.writeInt(days.sealedDays().size());
    for (Map.Entry<Long, SealedDay> sealed : days.sealedDays().entrySet()) {
      out.writeLong(sealed.getKey());
      out.writeInt(sealed.getValue().version());
      byte[] digest = sealed.getValue().contentDigest();
      out.writeInt(digest.length);
      out.write(digest);
      out.writeLong(sealed.getValue().coveredUntilMillis());
    }
    out.writeInt(days.touchedDays().size());
    for (Map.Entry<Long, Long> touched : days.touchedDays().entrySet()) {
      out.writeLong(touched.getKey());
      out.writeLong(touched.getValue());
    }
  }

  @Override
  public WorkerDays deserialize(DataInputView in) throws IOException {
    boolean hasPendingUpdate = in.readBoolean();
    long pendingUpdate = in.readLong();
    TreeMap<Long, LiveDay> openDays = new TreeMap<>();
    for (int n = in.readInt(); n > 0; n--) {
      openDays.put(in.readLong(), LiveDay.ofCode(in.readByte()));
    }
    TreeMap<Long, SealedDay> sealedDays = new TreeMap<>();
    for (int n = in.readInt(); n > 0; n--) {
      long day = in.readLong();
      int version = in.readInt();
      byte[] digest = new byte[in.readInt()];
      in.readFully(digest);
      long coveredUntil = in.readLong();
      sealedDays.put(day, new SealedDay(version, digest, coveredUntil));
    }
    TreeMap<Long, Long> touchedDays = new TreeMap<>();
    for (int n = in.readInt(); n > 0; n--) {
      touchedDays.put(in.readLong(), in.readLong());
    }
    WorkerDays days = new WorkerDays(openDays, sealedDays, touchedDays);
    if (hasPendingUpdate) {
      days.setPendingUpdate(pendingUpdate);
    }
    return days;
  }

  @Override
  public WorkerDays deserialize(WorkerDays reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<WorkerDays> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Restores this serializer from a checkpoint. The format has a single version so far: an open
   * day's byte, once a boolean, now holds a {@link LiveDay} that reads the old values compatibly.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WorkerDays> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
