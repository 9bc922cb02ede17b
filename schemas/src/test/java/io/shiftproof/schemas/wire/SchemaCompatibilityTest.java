package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the released schema versions under {@code src/main/resources/avro-history}: the current
 * schema must be recorded there as the latest version, and every pair of versions must be fully
 * compatible (each can read data written by the other), so neither an old client nor an old
 * consumer breaks. To change a schema, add its new form as the next {@code vN.avsc}.
 */
class SchemaCompatibilityTest {
  private static final String[] NAMES = {
    "WorkEventType", "WorkEvent", "EventBatch", "RecordedWorkEvent", "DayRecord", "SealRequest"
  };

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WorkEventType",
        "WorkEvent",
        "EventBatch",
        "RecordedWorkEvent",
        "DayRecord",
        "SealRequest"
      })
  void currentSchemaIsTheLatestReleasedVersion(String name) {
    List<Schema> released = SchemaHistory.released(name);

    assertThat(released).as("released versions of %s", name).isNotEmpty();
    assertThat(SingleObjectEncoding.fingerprint(released.get(released.size() - 1)))
        .as("%s changed: add it as avro-history/%s/v%d.avsc", name, name, released.size() + 1)
        .isEqualTo(SingleObjectEncoding.fingerprint(current(name)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WorkEventType",
        "WorkEvent",
        "EventBatch",
        "RecordedWorkEvent",
        "DayRecord",
        "SealRequest"
      })
  void everyVersionReadsDataOfEveryOtherVersion(String name) {
    List<Schema> versions = new ArrayList<>(SchemaHistory.released(name));
    versions.add(current(name));

    assertThat(incompatibilities(versions)).isEmpty();
  }

  @Test
  void everySchemaHasAHistory() {
    for (String name : NAMES) {
      assertThat(SchemaHistory.released(name)).as(name).isNotEmpty();
    }
  }

  @Test
  void checkCatchesARequiredFieldAddedWithoutDefault() {
    Schema v1 = SchemaHistory.released("EventBatch").get(0);
    Schema changed =
        new Schema.Parser()
            .parse(
                v1.toString()
                    .replace(
                        "{\"name\":\"batchId\",\"type\":\"string\"}",
                        "{\"name\":\"batchId\",\"type\":\"string\"},"
                            + "{\"name\":\"signature\",\"type\":\"bytes\"}"));
    assertThat(changed.getField("signature")).isNotNull();

    assertThat(incompatibilities(List.of(v1, changed)))
        .anySatisfy(problem -> assertThat(problem).contains("signature"));
  }

  @Test
  void checkCatchesANewEnumSymbolThatOldReadersCannotRead() {
    Schema v1 = SchemaHistory.released("WorkEventType").get(0);
    Schema changed =
        new Schema.Parser()
            .parse(v1.toString().replace("\"HEARTBEAT\"", "\"HEARTBEAT\",\"PAUSED\""));

    assertThat(incompatibilities(List.of(v1, changed))).isNotEmpty();
  }

  @Test
  void checkAcceptsAnOptionalFieldWithDefault() {
    Schema v1 = SchemaHistory.released("WorkEvent").get(0);
    Schema changed =
        new Schema.Parser()
            .parse(
                v1.toString()
                    .replace(
                        "{\"name\":\"eventId\"",
                        "{\"name\":\"vehicle\",\"type\":[\"null\",\"string\"],\"default\":null},"
                            + "{\"name\":\"eventId\""));

    assertThat(changed.getField("vehicle")).isNotNull();
    assertThat(incompatibilities(List.of(v1, changed))).isEmpty();
  }

  /** Every (reader, writer) pair that cannot be read, with Avro's explanation. */
  static List<String> incompatibilities(List<Schema> versions) {
    List<String> problems = new ArrayList<>();
    for (int r = 0; r < versions.size(); r++) {
      for (int w = 0; w < versions.size(); w++) {
        var result =
            SchemaCompatibility.checkReaderWriterCompatibility(versions.get(r), versions.get(w));
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
          problems.add(
              "version %d cannot read version %d: %s"
                  .formatted(r + 1, w + 1, result.getResult().getIncompatibilities()));
        }
      }
    }
    return problems;
  }

  private static Schema current(String name) {
    try {
      return (Schema)
          Class.forName("io.shiftproof.schemas.avro." + name)
              .getMethod("getClassSchema")
              .invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no generated class for " + name, e);
    }
  }
}
