package io.shiftproof.streamjobs.state;

import io.shiftproof.schemas.wire.WorkEventType;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Field encodings shared by the serializers of this package. */
final class WireFields {

  private WireFields() {}

  static void writeInstant(Instant instant, DataOutputView out) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  static Instant readInstant(DataInputView in) throws IOException {
    long seconds = in.readLong();
    return Instant.ofEpochSecond(seconds, in.readInt());
  }

  /** Event types by name, not ordinal: stored state must survive a reordering of the enum. */
  static void writeEventType(WorkEventType type, DataOutputView out) throws IOException {
    StringValue.writeString(type.name(), out);
  }

  static WorkEventType readEventType(DataInputView in) throws IOException {
    String name = StringValue.readString(in);
    try {
      return WorkEventType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IOException("event type: got " + name + ", want one of WorkEventType", e);
    }
  }

  static void writeOptional(Optional<String> value, DataOutputView out) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      StringValue.writeString(value.get(), out);
    }
  }

  static Optional<String> readOptional(DataInputView in) throws IOException {
    return in.readBoolean() ? Optional.of(StringValue.readString(in)) : Optional.empty();
  }
}
