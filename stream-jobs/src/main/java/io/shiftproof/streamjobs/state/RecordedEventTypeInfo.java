package io.shiftproof.streamjobs.state;

import io.shiftproof.schemas.wire.RecordedEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of the job's input stream, serialized by {@link RecordedEventSerializer}. */
public final class RecordedEventTypeInfo extends TypeInformation<RecordedEvent> {

  private static final long serialVersionUID = 1L;

  public static final RecordedEventTypeInfo INSTANCE = new RecordedEventTypeInfo();

  private RecordedEventTypeInfo() {}

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<RecordedEvent> getTypeClass() {
    return RecordedEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<RecordedEvent> createSerializer(SerializerConfig config) {
    return RecordedEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "RecordedEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordedEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return RecordedEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof RecordedEventTypeInfo;
  }
}
