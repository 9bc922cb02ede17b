package io.shiftproof.cli.demo;

import static io.shiftproof.records.DayRecords.on;
import static io.shiftproof.schemas.avro.WorkState.AVAILABLE;
import static io.shiftproof.schemas.avro.WorkState.EN_ROUTE;
import static io.shiftproof.schemas.avro.WorkState.ON_TASK;

import io.shiftproof.records.DayRecords;
import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayRecord;
import java.util.List;

/** The worker-days the demo tests share, with totals worked out by hand from the segments. */
final class DemoExamples {

  private DemoExamples() {}

  /**
   * Two tasks on two apps, 10 minutes apart: 2 h on platform-1, then 2 h 30 min on platform-2.
   * Neither platform sees more than 2 h 30 min, but across platforms the stretch is 09:00–13:40, 4
   * h 40 min. Online 08:00–14:00; both apps online 09:00–13:40.
   */
  static DayRecord switchingApps() {
    return DayRecords.worker("w-a")
        .segment("08:00", "09:00", AVAILABLE, on("platform-1"), on())
        .segment("09:00", "11:00", ON_TASK, on("platform-1", "platform-2"), on("platform-1"))
        .segment("11:00", "11:10", AVAILABLE, on("platform-1", "platform-2"), on())
        .segment("11:10", "11:40", EN_ROUTE, on("platform-1", "platform-2"), on("platform-2"))
        .segment("11:40", "13:40", ON_TASK, on("platform-1", "platform-2"), on("platform-2"))
        .segment("13:40", "14:00", AVAILABLE, on("platform-2"), on())
        // online 6 h, engaged 2 h + 2 h 30, on task 2 h + 2 h, multi-app 4 h 40,
        // platform sum 5 h 40 (platform-1) + 5 h (platform-2), stretch 4 h 40
        .totalsInMinutes(360, 270, 240, 280, 340 + 300, 280)
        .build();
  }

  /**
   * One app only, with a 19-minute break that does not count as a break: platform-1 itself sees a
   * stretch of 07:00–11:32, 4 h 32 min.
   */
  static DayRecord shortBreakOnOneApp() {
    return DayRecords.worker("w-b")
        .segment("07:00", "09:00", ON_TASK, on("platform-1"), on("platform-1"))
        .segment("09:00", "09:19", AVAILABLE, on("platform-1"), on())
        .segment("09:19", "11:32", ON_TASK, on("platform-1"), on("platform-1"))
        // online 4 h 32, engaged and on task 2 h + 2 h 13, stretch 4 h 32
        .totalsInMinutes(272, 253, 253, 0, 272, 272)
        .build();
  }

  /**
   * A 20-minute break is a real break: stretches of 2 h 30 and 2 h 10 on platform-3, and platform-2
   * online without orders for the last hour.
   */
  static DayRecord realBreak() {
    return DayRecords.worker("w-c")
        .segment("10:00", "12:30", ON_TASK, on("platform-3"), on("platform-3"))
        .segment("12:30", "12:50", AVAILABLE, on("platform-3"), on())
        .segment("12:50", "14:00", ON_TASK, on("platform-3"), on("platform-3"))
        .segment("14:00", "15:00", ON_TASK, on("platform-2", "platform-3"), on("platform-3"))
        // online 5 h, engaged and on task 2 h 30 + 2 h 10, multi-app 1 h,
        // platform sum 5 h (platform-3) + 1 h (platform-2), stretch 2 h 30
        .totalsInMinutes(300, 280, 280, 60, 360, 150)
        .build();
  }

  static List<DayRecord> threeWorkers() {
    return List.of(switchingApps(), shortBreakOnOneApp(), realBreak());
  }

  /**
   * A short morning on two apps: platform-1 heading to and doing one order while platform-2 is
   * open, a 7-minute overlap where both are engaged, then platform-2's order until noon.
   */
  static DayRecord morningOnTwoApps() {
    return DayRecords.worker("w-chart")
        .segment("08:00", "09:00", AVAILABLE, on("platform-1"), on())
        .segment("09:00", "09:30", EN_ROUTE, on("platform-1", "platform-2"), on("platform-1"))
        .segment("09:30", "10:30", ON_TASK, on("platform-1", "platform-2"), on("platform-1"))
        .segment(
            "10:30",
            "10:37",
            ON_TASK,
            on("platform-1", "platform-2"),
            on("platform-1", "platform-2"))
        .segment("10:37", "12:00", ON_TASK, on("platform-2"), on("platform-2"))
        .segment("12:00", "12:20", AVAILABLE, on("platform-2"), on())
        .flag(AnomalyKind.IMPLIED_ASSIGNMENT, "platform-2", "10:30", "order-7")
        .flag(AnomalyKind.TIMEOUT, "platform-1", "10:37", null)
        // online 4 h 20, engaged 3 h, on task 2 h 30, multi-app 1 h 37,
        // platform sum 2 h 37 + 3 h 20, stretch 3 h
        .totalsInMinutes(260, 180, 150, 97, 157 + 200, 180)
        .build();
  }
}
