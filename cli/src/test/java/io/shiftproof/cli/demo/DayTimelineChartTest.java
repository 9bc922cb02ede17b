package io.shiftproof.cli.demo;

import static io.shiftproof.records.DayRecords.on;
import static io.shiftproof.schemas.avro.WorkState.AVAILABLE;
import static io.shiftproof.schemas.avro.WorkState.EN_ROUTE;
import static io.shiftproof.schemas.avro.WorkState.ON_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayTimelineChartTest {

  private static final DayTimelineChart ASCII = new DayTimelineChart(true);
  private static final DayTimelineChart UNICODE = new DayTimelineChart(false);

  @Test
  void smallDayRendersExactly() {
    assertThat(ASCII.render(DemoExamples.morningOnTwoApps()))
        .isEqualTo(
"""
Worker w-chart, 2026-11-28 (Asia/Shanghai)
Sealed version 1 of the day record

    0           3           6           9           12          15          18          21
    |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |   |
p1  ................................----*******.....................................................
p2  ....................................------******--..............................................
all ................................----==##########--..............................................
2+  ....................................2222222.....................................................

Each column is 15 min of the local day and shows the highest state present in it, however briefly,
so short orders stay visible.
  p1       platform-1
  p2       platform-2
           the lanes above: one per platform, as that platform sees the worker: . offline, -
           available, * engaged. Platform lanes do not split engaged into en route and on task: when
           several platforms are engaged at once, the record does not say which of them is on task.
  all      across platforms: . offline, - available (online, waiting for orders), = en route to a
           pickup, # on task (picking up, carrying, handing over)
  2+       multi-app: how many platforms have the worker online at once, where two or more

Totals
  online             4 h 20 min   online on at least one platform, each moment once
  engaged            3 h 00 min   en route or on task: the time the injury pilot covers
  on task            2 h 30 min   executing an order on some platform
  multi-app          1 h 37 min   online on two or more platforms at once
  platform sum       5 h 57 min   each platform's online time added up, as siloed counting has it
  longest stretch    3 h 00 min   engaged time joined across breaks under 20 min
  The longest stretch any single platform sees is 1 h 37 min (platform-1); a platform's fatigue
  limit acts at 4 h.

Flags
  10:30:00  IMPLIED_ASSIGNMENT platform-2  session s-platform-2  task order-7
  10:37:00  TIMEOUT            platform-1  session s-platform-1
  TIMEOUT             the session fell silent and was closed at its last event
  IMPLIED_ASSIGNMENT  a task started without having been assigned
""");
  }

  @Test
  void blockShadesDrawTheSameLanesAsAscii() {
    DayRecord day = DemoExamples.morningOnTwoApps();
    List<String> ascii = ASCII.render(day).lines().toList();
    List<String> unicode = UNICODE.render(day).lines().toList();
    for (int line = 4; line <= 8; line++) {
      assertThat(
              unicode
                  .get(line)
                  .replace('╷', '|')
                  .replace('·', '.')
                  .replace('░', '-')
                  .replace('▓', '*')
                  .replace('▒', '=')
                  .replace('█', '#'))
          .isEqualTo(ascii.get(line));
    }
    assertThat(unicode.get(7))
        .startsWith("all ································░░░░▒▒██████████░░··");
  }

  @Test
  void aColumnShowsTheHighestStatePresentInIt() {
    // One minute on task inside 10:00-10:15 outweighs fourteen minutes merely online.
    DayRecord day =
        DayRecords.worker("w-minute")
            .segment("10:00", "10:14", AVAILABLE, on("platform-1"), on())
            .segment("10:14", "10:15", ON_TASK, on("platform-1"), on("platform-1"))
            .totalsInMinutes(15, 1, 1, 0, 15, 1)
            .build();
    List<String> lines = ASCII.render(day).lines().toList();
    assertThat(lines.get(5)).isEqualTo("p1  " + ".".repeat(40) + "*" + ".".repeat(55));
    assertThat(lines.get(6)).isEqualTo("all " + ".".repeat(40) + "#" + ".".repeat(55));
  }

  @Test
  void enRouteShowsOnlyInTheCombinedLane() {
    DayRecord day =
        DayRecords.worker("w-route")
            .segment("06:00", "06:15", EN_ROUTE, on("platform-1"), on("platform-1"))
            .totalsInMinutes(15, 15, 0, 0, 15, 15)
            .build();
    List<String> lines = ASCII.render(day).lines().toList();
    assertThat(lines.get(5).charAt(4 + 24)).isEqualTo('*');
    assertThat(lines.get(6).charAt(4 + 24)).isEqualTo('=');
  }

  @Test
  void liveRecordLeavesTimeAfterItsCoverageBlank() {
    DayRecord day =
        DayRecords.worker("w-live")
            .segment("08:00", "09:00", AVAILABLE, on("platform-1"), on())
            .liveUntil("12:00")
            .totalsInMinutes(60, 0, 0, 0, 60, 0)
            .build();
    String chart = ASCII.render(day);
    List<String> lines = chart.lines().toList();
    assertThat(lines.subList(0, 2))
        .containsExactly(
            "Worker w-live, 2026-11-28 (Asia/Shanghai)",
            "Live record (provisional), covering the day up to 12:00");
    assertThat(lines.get(5)).isEqualTo("p1  " + ".".repeat(32) + "----" + ".".repeat(12));
    assertThat(chart)
        .contains("  blank    not yet covered: this record describes the day up to 12:00");
  }

  @Test
  void dayWithoutFlagsSaysSo() {
    assertThat(ASCII.render(DemoExamples.switchingApps())).endsWith("\nFlags: none\n");
  }

  @Test
  void everyLineFitsIn100Columns() {
    String longName = "a-platform-with-a-rather-long-name-for-its-own-directory-xx";
    DayRecords builder =
        DayRecords.worker("wr_" + "x".repeat(43))
            .segment("00:00", "23:45", ON_TASK, on(longName, "platform-2"), on(longName));
    for (int i = 0; i < 5; i++) {
      builder.flag(AnomalyKind.IMPLIED_ASSIGNMENT, longName, "23:0" + i, "order-" + "9".repeat(40));
    }
    DayRecord day = builder.totalsInMinutes(1425, 1425, 1425, 1425, 2850, 1425).build();
    for (DayTimelineChart chart : List.of(ASCII, UNICODE)) {
      for (String record : List.of(chart.render(day), chart.render(DemoExamples.switchingApps()))) {
        assertThat(record.lines())
            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
      }
    }
  }
}
