package io.shiftproof.cli.demo;

import static io.shiftproof.records.DayRecords.on;
import static io.shiftproof.schemas.avro.WorkState.AVAILABLE;
import static io.shiftproof.schemas.avro.WorkState.ON_TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.records.DayRecords;
import io.shiftproof.schemas.avro.DayRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PickInterestingTest {

  @Test
  void prefersAStretchNoSinglePlatformSees() {
    // realBreak has less multi-app time than switchingApps but more than shortBreakOnOneApp;
    // switchingApps is the one whose fatigue hides behind app switching.
    assertThat(DayTimelineChart.pickInteresting(DemoExamples.threeWorkers()).getWorkerRef())
        .isEqualTo("w-a");
  }

  @Test
  void otherwiseTheMostMultiAppTime() {
    List<DayRecord> days =
        List.of(DemoExamples.shortBreakOnOneApp(), DemoExamples.realBreak(), multiApp("w-m", 90));
    assertThat(DayTimelineChart.pickInteresting(days).getWorkerRef()).isEqualTo("w-m");
  }

  @Test
  void tiesGoToTheSmallestWorkerRefWhateverTheOrder() {
    List<DayRecord> days = new ArrayList<>();
    for (String worker : List.of("w-5", "w-2", "w-9", "w-3")) {
      days.add(multiApp(worker, 90));
    }
    days.add(multiApp("w-1", 30));
    days.add(idle("w-0"));
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(days, random);
      assertThat(DayTimelineChart.pickInteresting(days).getWorkerRef()).isEqualTo("w-2");
    }
  }

  @Test
  void aDayWithEngagedTimeBeatsOneWithout() {
    List<DayRecord> days = List.of(idle("w-0"), DemoExamples.shortBreakOnOneApp());
    assertThat(DayTimelineChart.pickInteresting(days).getWorkerRef()).isEqualTo("w-b");
    assertThat(DayTimelineChart.pickInteresting(List.of(idle("w-0"))).getWorkerRef())
        .isEqualTo("w-0");
  }

  @Test
  void noDaysIsAnError() {
    assertThatThrownBy(() -> DayTimelineChart.pickInteresting(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("day records: got none, want at least one");
  }

  /** Two apps online for {@code minutes} from 10:00, on task on the first throughout. */
  private static DayRecord multiApp(String worker, int minutes) {
    String end = String.format("%02d:%02d", 10 + minutes / 60, minutes % 60);
    return DayRecords.worker(worker)
        .segment("10:00", end, ON_TASK, on("platform-1", "platform-2"), on("platform-1"))
        .totalsInMinutes(minutes, minutes, minutes, minutes, 2L * minutes, minutes)
        .build();
  }

  private static DayRecord idle(String worker) {
    return DayRecords.worker(worker)
        .segment("10:00", "18:00", AVAILABLE, on("platform-1", "platform-2"), on())
        .totalsInMinutes(480, 0, 0, 480, 960, 0)
        .build();
  }
}
