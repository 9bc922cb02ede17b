package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OccurrenceTimeTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  @Test
  void matchesTheJdkFormatterInEveryKindOfZone() {
    SplittableRandom random = new SplittableRandom(1);
    for (String zone :
        new String[] {
          "Asia/Shanghai", "UTC", "America/St_Johns", "Asia/Kolkata", "Europe/Berlin"
        }) {
      for (int i = 0; i < 2000; i++) {
        Instant instant = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
        assertThat(OccurrenceTime.format(instant, ZoneId.of(zone)))
            .isEqualTo(REFERENCE.format(instant.atZone(ZoneId.of(zone))));
      }
    }
  }

  @Test
  void writesShanghaiTimesWithTheirOffset() {
    assertThat(
            OccurrenceTime.format(
                Instant.parse("2026-11-28T06:02:11.250Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2026-11-28T14:02:11.250+08:00");
  }
}
