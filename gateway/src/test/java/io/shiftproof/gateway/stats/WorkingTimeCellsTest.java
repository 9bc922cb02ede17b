package io.shiftproof.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import io.shiftproof.schemas.avro.WorkState;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingTimeCellsTest {
  private static void addWorkers(WorkingTimeCells cells, int count, String prefix) {
    for (int i = 0; i < count; i++) {
      cells.add(
          DayRecords.worker(prefix + i)
              .segment("09:00", "10:00", WorkState.AVAILABLE, DayRecords.on("p1", "p2"), List.of())
              .segment("10:00", "11:00", WorkState.ON_TASK, DayRecords.on("p1"), List.of("p1"))
              .totalsInMinutes(120, 60, 60, 60, 180, i == 0 ? 300 : 60)
              .build());
    }
  }

  @Test
  void aCellOfTenWorkersShowsItsFigures() {
    WorkingTimeCells cells = new WorkingTimeCells();
    addWorkers(cells, 10, "w");

    JsonObject p1 = cells.toJson().getJsonObject(0);

    assertThat(p1.getString("platform")).isEqualTo("p1");
    assertThat(p1.getBoolean("suppressed")).isFalse();
    assertThat(p1.getInteger("workers")).isEqualTo(10);
    assertThat(p1.getDouble("onlineHours")).isEqualTo(20.0);
    assertThat(p1.getDouble("engagedHours")).isEqualTo(10.0);
    assertThat(p1.getDouble("multiAppShare")).isEqualTo(0.5);
    assertThat(p1.getInteger("longStretchWorkers")).isEqualTo(1);
  }

  @Test
  void aCellOfNineWorkersShowsNothingButThatItIsSuppressed() {
    WorkingTimeCells cells = new WorkingTimeCells();
    addWorkers(cells, 9, "w");

    JsonObject p1 = cells.toJson().getJsonObject(0);

    assertThat(p1.fieldNames()).containsExactlyInAnyOrder("platform", "day", "suppressed");
    assertThat(p1.getBoolean("suppressed")).isTrue();
  }

  @Test
  void claimCellsAreSuppressedBelowTenWorkers() {
    ClaimCells cells = new ClaimCells();
    for (int i = 0; i < 12; i++) {
      cells.add(List.of("p1"), "2026-11-28", "w" + (i % 10), "COVERED", "APPROVED");
    }
    cells.add(List.of(), "2026-11-28", "w-x", "NOT_COVERED", "UNDECIDED");

    JsonObject none = cells.toJson().getJsonObject(0);
    JsonObject p1 = cells.toJson().getJsonObject(1);

    assertThat(none.getString("platform")).isEqualTo(ClaimCells.NO_PLATFORM);
    assertThat(none.getBoolean("suppressed")).isTrue();
    assertThat(p1.getInteger("workers")).isEqualTo(10);
    assertThat(p1.getInteger("claims")).isEqualTo(12);
    assertThat(p1.getJsonObject("byOutcome").getInteger("COVERED")).isEqualTo(12);
  }
}
