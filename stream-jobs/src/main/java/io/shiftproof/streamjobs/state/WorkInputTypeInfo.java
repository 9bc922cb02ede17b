package io.shiftproof.streamjobs.state;

import io.shiftproof.streamjobs.WorkInput;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of the job's input stream, serialized by {@link WorkInputSerializer}. */
public final class WorkInputTypeInfo extends TypeInformation<WorkInput> {

  private static final long serialVersionUID = 1L;

  public static final WorkInputTypeInfo INSTANCE = new WorkInputTypeInfo();

  private WorkInputTypeInfo() {}

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
  public Class<WorkInput> getTypeClass() {
    return WorkInput.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<WorkInput> createSerializer(SerializerConfig config) {
    return WorkInputSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "WorkInput";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WorkInputTypeInfo;
  }

  @Override
  public int hashCode() {
    return WorkInputTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof WorkInputTypeInfo;
  }
}
