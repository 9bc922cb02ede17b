package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.EventBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFileWriterTest {
  @TempDir Path dir;

  @Test
  void writesEachBatchAsWireJsonUnderItsPlatform() throws IOException {
    SimulationConfig config = SimulationConfig.builder().seed(8).workers(5).batchSize(50).build();
    List<PlatformBatch> batches = Simulation.generate(config).toList();

    long written = new BatchFileWriter(dir).writeAll(batches.stream());

    assertThat(written).isEqualTo(batches.size());
    for (PlatformBatch batch : batches) {
      Path file = dir.resolve(batch.platform()).resolve(batch.batch().batchId() + ".json");
      assertThat(Files.readAllBytes(file)).isEqualTo(BatchJsonWriter.toJson(batch.batch()));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(batches.size());
    }
  }

  @Test
  void refusesNamesThatWouldLeaveTheDirectory() {
    PlatformBatch sneaky =
        new PlatformBatch(
            "platform-1",
            new EventBatch(
                "../../escaped",
                Simulation.generate(SimulationConfig.builder().workers(1).build())
                    .findFirst()
                    .orElseThrow()
                    .batch()
                    .events()));

    assertThatThrownBy(() -> new BatchFileWriter(dir).write(sneaky))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want plain file names");
  }
}
