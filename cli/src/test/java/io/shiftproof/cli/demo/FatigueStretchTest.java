package io.shiftproof.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatigueStretchTest {

  private static final long MINUTE = 60_000_000L;

  @Test
  void stretchJoinsAcrossA19MinuteGap() {
    List<MicrosInterval> engaged =
        List.of(
            new MicrosInterval(0, 120 * MINUTE), new MicrosInterval(139 * MINUTE, 260 * MINUTE));
    assertThat(FatigueStretch.longest(engaged)).isEqualTo(Duration.ofMinutes(260));
    assertThat(FatigueStretch.exceedsLimit(FatigueStretch.longest(engaged))).isTrue();
  }

  @Test
  void a20MinuteGapIsARealBreak() {
    List<MicrosInterval> engaged =
        List.of(
            new MicrosInterval(0, 120 * MINUTE), new MicrosInterval(140 * MINUTE, 260 * MINUTE));
    assertThat(FatigueStretch.longest(engaged)).isEqualTo(Duration.ofMinutes(120));
    assertThat(FatigueStretch.exceedsLimit(FatigueStretch.longest(engaged))).isFalse();
  }

  @Test
  void exactlyFourHoursIsNotOverTheLimit() {
    assertThat(FatigueStretch.exceedsLimit(Duration.ofHours(4))).isFalse();
    assertThat(FatigueStretch.exceedsLimit(Duration.ofHours(4).plusSeconds(1))).isTrue();
  }

  @Test
  void noEngagedTimeIsNoStretch() {
    assertThat(FatigueStretch.longest(List.of())).isEqualTo(Duration.ZERO);
  }

  @Test
  void platformStretchJoinsItsOwnSegmentsAcrossOtherPlatformsWork() {
    // platform-1 engaged 07:00-09:00 and 09:19-11:32 (segments split by its 19-minute break).
    PlatformDay platform = PlatformDay.of(DemoExamples.shortBreakOnOneApp()).get(0);
    assertThat(platform.engaged())
        .containsExactly(
            new MicrosInterval(DayRecords.micros("07:00"), DayRecords.micros("09:00")),
            new MicrosInterval(DayRecords.micros("09:19"), DayRecords.micros("11:32")));
    assertThat(platform.longestStretch()).isEqualTo(Duration.ofMinutes(272));
  }
}
