package io.shiftproof.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The job's too-late rule as the gateway applies it. */
class CorrectionHorizonTest {
  private static final CorrectionHorizon HORIZON =
      new CorrectionHorizon(
          ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(10), Duration.ofHours(72));

  private static Instant at(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  @Test
  void dayClosesAtItsEndPlusSilenceTimeoutPlusHorizon() {
    assertThat(HORIZON.closesAt(at("2026-11-24T12:00:00+08:00")))
        .isEqualTo(at("2026-11-28T00:10:00+08:00"));
  }

  @Test
  void eventIsTooLateOnceTheWatermarkReachesItsDaysClose() {
    Instant event = at("2026-11-24T12:00:00+08:00");
    assertThat(HORIZON.tooLate(event, at("2026-11-28T00:09:59+08:00"))).isFalse();
    assertThat(HORIZON.tooLate(event, at("2026-11-28T00:10:00+08:00"))).isTrue();
  }

  @Test
  void eventJustAfterMidnightCanStillChangeThePreviousDay() {
    // Within the silence timeout of midnight, the event may close a session of the day before,
    // whose horizon ends a day earlier.
    Instant event = at("2026-11-25T00:05:00+08:00");
    assertThat(HORIZON.closesAt(event)).isEqualTo(at("2026-11-28T00:10:00+08:00"));
    assertThat(HORIZON.closesAt(at("2026-11-25T00:15:00+08:00")))
        .isEqualTo(at("2026-11-29T00:10:00+08:00"));
  }
}
