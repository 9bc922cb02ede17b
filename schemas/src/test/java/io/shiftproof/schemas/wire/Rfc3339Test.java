package io.shiftproof.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void secondsAreWrittenEvenWhenZero() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00Z"), SHANGHAI))
        .isEqualTo("2026-11-21T15:00:00+08:00");
  }

  @Test
  void zeroFractionIsOmitted() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:05.000Z"), SHANGHAI))
        .isEqualTo("2026-11-21T15:00:05+08:00");
  }

  @Test
  void microsecondFractionIsWrittenWithoutTrailingZeros() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00.123456Z"), SHANGHAI))
        .isEqualTo("2026-11-21T15:00:00.123456+08:00");
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00.000001Z"), SHANGHAI))
        .isEqualTo("2026-11-21T15:00:00.000001+08:00");
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00.5Z"), UTC))
        .isEqualTo("2026-11-21T07:00:00.5Z");
  }

  @Test
  void nanosecondFractionKeepsNineDigits() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00.123456789Z"), UTC))
        .isEqualTo("2026-11-21T07:00:00.123456789Z");
  }

  @Test
  void zeroOffsetIsWrittenAsZ() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00Z"), UTC))
        .isEqualTo("2026-11-21T07:00:00Z");
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00Z"), ZoneId.of("Europe/London")))
        .isEqualTo("2026-11-21T07:00:00Z");
  }

  @Test
  void offsetFollowsTheZoneRulesAtTheInstant() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(Rfc3339.format(Instant.parse("2026-03-29T00:59:59Z"), berlin))
        .isEqualTo("2026-03-29T01:59:59+01:00");
    assertThat(Rfc3339.format(Instant.parse("2026-03-29T01:00:00Z"), berlin))
        .isEqualTo("2026-03-29T03:00:00+02:00");
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00Z"), ZoneId.of("America/St_Johns")))
        .isEqualTo("2026-11-21T03:30:00-03:30");
  }

  @Test
  void offsetWithSecondsFallsBackToUtc() {
    // Shanghai's local mean time before 1901 was +08:05:43, which RFC 3339 cannot write.
    assertThat(Rfc3339.format(Instant.parse("1890-01-01T00:00:00Z"), SHANGHAI))
        .isEqualTo("1890-01-01T00:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-21T07:00:00Z",
        "2026-11-21T07:00:00.1Z",
        "2026-11-21T07:00:00.123456Z",
        "2026-11-21T07:00:00.123456789Z",
        "2026-03-29T01:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T15:59:59.999999Z"
      })
  void formattedTextParsesBackToTheSameInstant(String utc) {
    Instant at = Instant.parse(utc);
    for (ZoneId zone : new ZoneId[] {UTC, SHANGHAI, ZoneId.of("Europe/Berlin")}) {
      assertThat(Rfc3339.parseOrNull(Rfc3339.format(at, zone))).isEqualTo(at);
    }
  }

  @Test
  void dayRecordJsonTimeUsesTheFormatter() {
    long micros = Instant.parse("2026-11-21T07:00:00Z").toEpochMilli() * 1_000L;
    assertThat(DayRecordJson.time(micros, SHANGHAI)).isEqualTo("2026-11-21T15:00:00+08:00");
    assertThat(DayRecordJson.time(micros + 250_001L, SHANGHAI))
        .isEqualTo("2026-11-21T15:00:00.250001+08:00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-21T10:15+08:00",
        "2026-11-21T10:15:00",
        "2026-11-21T10:15:00+08:00:00",
        "2026-11-21T10:15:00.+08:00",
        "2026-11-21T24:00:00Z",
        "2026-11-21T10:15:60Z",
        "+12026-11-21T10:15:00Z",
        "-2026-11-21T10:15:00Z"
      })
  void parserRejectsWhatRfc3339DoesNotAllow(String text) {
    assertThat(Rfc3339.parseOrNull(text)).isNull();
  }
}
