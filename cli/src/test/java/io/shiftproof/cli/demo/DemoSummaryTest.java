package io.shiftproof.cli.demo;

import static io.shiftproof.records.DayRecords.on;
import static io.shiftproof.schemas.avro.WorkState.ON_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import io.shiftproof.schemas.avro.DayRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three workers of {@link DemoExamples}: w-a switches apps (2 h then 2 h 30 engaged, 10 min
 * apart), w-b stays on platform-1 with a 19-minute break, w-c takes a 20-minute break on platform-3
 * while platform-2 is open for an hour.
 */
class DemoSummaryTest {

  private static final DemoSummary SUMMARY = DemoSummary.of(DemoExamples.threeWorkers());

  @Test
  void eachPlatformReportsOnlyWhatItSees() {
    assertThat(SUMMARY.platforms())
        .containsExactly(
            // w-a 08:00-13:40 and w-b 07:00-11:32 online; engaged 2 h and 4 h 13; w-b over 4 h
            new PlatformFigures("platform-1", 2, minutes(340 + 272), minutes(120 + 253), 1),
            // w-a 09:00-14:00 and w-c 14:00-15:00 online; w-a engaged 2 h 30
            new PlatformFigures("platform-2", 2, minutes(300 + 60), minutes(150), 0),
            // w-c 10:00-15:00 online, engaged 2 h 30 + 2 h 10, never joined across 20 min
            new PlatformFigures("platform-3", 1, minutes(300), minutes(280), 0));
  }

  @Test
  void crossPlatformCountsEachMomentOnce() {
    assertThat(SUMMARY.crossPlatform())
        .isEqualTo(
            new CrossPlatformFigures(
                3,
                5,
                minutes(360 + 272 + 300),
                minutes(640 + 272 + 360),
                minutes(270 + 253 + 280),
                minutes(373 + 150 + 280),
                minutes(280 + 60),
                2,
                1,
                1));
    assertThat(SUMMARY.crossPlatform().onlineOvercount()).isEqualTo(minutes(340));
  }

  @Test
  void tableShowsPlatformsThenSiloedAgainstActual() {
    List<String> lines = SUMMARY.render().lines().toList();
    assertThat(lines.subList(0, 13))
        .containsExactly(
            "Working time of 3 workers on 3 platforms, 2026-11-28 (Asia/Shanghai)",
            "",
            "                                workers     online    engaged   over 4 h",
            "                                 active      hours      hours    stretch",
            "  platform-1                          2       10.2        6.2          1",
            "  platform-2                          2        6.0        2.5          0",
            "  platform-3                          1        5.0        4.7          0",
            "  " + "-".repeat(70),
            "  all platforms, siloed               5       21.2       13.4          1",
            "  cross-platform, actual              3       15.5       13.4          2",
            "  siloed over-count                  +2       +5.7       +0.0",
            "  siloed over-count, %          +66.7 %    +36.5 %     +0.0 %",
            "  multi-app share of online                 36.5 %");
  }

  @Test
  void statesThePointPlainly() {
    String text = String.join(" ", SUMMARY.render().split("\\s+"));
    assertThat(text)
        .contains(
            "these 3 workers look like 5 part-time workers, and online time is over-reported by"
                + " 5.7 h (+36.5 % of the actual 15.5 h)")
        .contains(
            "2 workers worked an engaged stretch of over 4 h across platforms; 1 of them looks"
                + " under 4 h on every single platform")
        .contains("Legend")
        .contains("online ")
        .contains("engaged ")
        .contains("multi-app ")
        .contains("stretch engaged time joined across breaks shorter than 20 min");
  }

  @Test
  void fatigueJoinsA19MinuteBreakButNotA20MinuteOne() {
    DayRecord nineteen = twoTasksOnPlatform1("w-19", "09:19");
    DayRecord twenty = twoTasksOnPlatform1("w-20", "09:20");
    assertThat(DemoSummary.of(List.of(nineteen)).platforms().get(0).workersOverLimit()).isOne();
    assertThat(DemoSummary.of(List.of(twenty)).platforms().get(0).workersOverLimit()).isZero();
  }

  @Test
  void everyLineFitsIn100ColumnsEvenWithLongPlatformNames() {
    String longName = "a-platform-with-a-rather-long-name-for-its-own-directory-and-then-some";
    DayRecord day =
        DayRecords.worker("w-long")
            .segment("08:00", "13:00", ON_TASK, on(longName, "platform-2"), on(longName))
            .totalsInMinutes(300, 300, 300, 300, 600, 300)
            .build();
    String rendered = DemoSummary.of(List.of(day, DemoExamples.switchingApps())).render();
    assertThat(rendered.lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
  }

  @Test
  void noRecordsStillRenders() {
    assertThat(DemoSummary.of(List.of()).render())
        .startsWith("Working time of 0 workers on 0 platforms, no days")
        .contains("n/a");
  }

  /** On task 07:00-09:00 and from {@code restart} to 11:10 on platform-1 alone. */
  private static DayRecord twoTasksOnPlatform1(String worker, String restart) {
    return DayRecords.worker(worker)
        .segment("07:00", "09:00", ON_TASK, on("platform-1"), on("platform-1"))
        .segment(restart, "11:10", ON_TASK, on("platform-1"), on("platform-1"))
        .build();
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
