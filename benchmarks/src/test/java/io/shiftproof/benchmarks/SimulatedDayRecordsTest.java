package io.shiftproof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The micro-benchmarks' inputs are sealed day records, the same in every fork. */
class SimulatedDayRecordsTest {
  @Test
  void simulatedRecordsAreSealedVersionsWithSegmentsAndLineage() {
    List<byte[]> records = SimulatedDayRecords.sealed();

    assertThat(records).hasSizeGreaterThan(10);
    for (byte[] bytes : records) {
      DayRecord record = DayRecordCodec.decode(bytes);
      assertThat(record.getProvisional()).isFalse();
      assertThat(record.getVersion()).isEqualTo(1);
      assertThat(record.getSources()).isNotEmpty();
      assertThat(record.getSourceBatches()).isEmpty();
    }
    assertThat(records.stream().filter(r -> !DaySegments.of(DayRecordCodec.decode(r)).isEmpty()))
        .isNotEmpty();
  }

  @Test
  void forksReadTheRecordsTheRunnerWrote(@TempDir Path dir) throws Exception {
    List<byte[]> records = SimulatedDayRecords.sealed();
    Path file = dir.resolve("records.bin");
    SimulatedDayRecords.write(records, file);

    System.setProperty(SimulatedDayRecords.FILE_PROPERTY, file.toString());
    try {
      assertThat(SimulatedDayRecords.sealed()).containsExactlyElementsOf(records);
      assertThat(SimulatedDayRecords.sample(records.size() + 1))
          .hasSize(records.size() + 1)
          .startsWith(records.get(0))
          .endsWith(records.get(0));
    } finally {
      System.clearProperty(SimulatedDayRecords.FILE_PROPERTY);
    }
  }
}
