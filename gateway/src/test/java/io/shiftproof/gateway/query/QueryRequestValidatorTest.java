package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.WorkerRefs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryRequestValidatorTest {

  @Test
  void calendarDateIsParsedStrictly() {
    assertThat(QueryRequestValidator.day("2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-29", "2026-13-01", "20261120", "+12026-11-20", "2026-11-2", ""})
  void impossibleOrMisshapenDateIsInvalidDate(String text) {
    assertThatThrownBy(() -> QueryRequestValidator.day(text))
        .hasFieldOrPropertyWithValue("code", "INVALID_DATE")
        .hasMessageContaining("want a calendar date as yyyy-MM-dd");
  }

  @Test
  void versionIsAWholeNumberFromOne() {
    assertThat(QueryRequestValidator.version(List.of())).isEmpty();
    assertThat(QueryRequestValidator.version(List.of("3"))).isEqualTo(OptionalInt.of(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.0", "abc", "", "9999999999", "١"})
  void badVersionIsInvalidVersion(String text) {
    assertThatThrownBy(() -> QueryRequestValidator.version(List.of(text)))
        .hasFieldOrPropertyWithValue("code", "INVALID_VERSION");
  }

  @Test
  void instantNeedsAnOffsetAndSeconds() {
    assertThat(QueryRequestValidator.instant(List.of("2026-11-21T10:15:00+08:00")))
        .isEqualTo(Instant.parse("2026-11-21T02:15:00Z"));
    assertThat(QueryRequestValidator.instant(List.of("2026-11-21t02:15:00.25z")))
        .isEqualTo(Instant.parse("2026-11-21T02:15:00.250Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-21T10:15:00",
        "2026-11-21T10:15+08:00",
        "2026-11-21T10:15:00+08:00:00",
        "2026-11-21T10:15:00.+08:00",
        "2026-11-21T24:00:00Z",
        "+12026-11-21T10:15:00Z",
        "yesterday"
      })
  void instantWithoutOffsetOrSecondsIsInvalidInstant(String text) {
    assertThatThrownBy(() -> QueryRequestValidator.instant(List.of(text)))
        .hasFieldOrPropertyWithValue("code", "INVALID_INSTANT")
        .hasMessageContaining("want one RFC 3339 date-time with offset");
  }

  @Test
  void decodedPlusSignGetsAHintToEncodeIt() {
    assertThatThrownBy(() -> QueryRequestValidator.instant(List.of("2026-11-21T10:15:00 08:00")))
        .hasMessageContaining("%2B");
    assertThatThrownBy(() -> QueryRequestValidator.instant(List.of()))
        .hasFieldOrPropertyWithValue("code", "INVALID_INSTANT")
        .hasMessageContaining("at: got nothing");
  }

  @Test
  void answersWriteSecondsEvenWhenZero() {
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2026-11-21T15:00:00+08:00");
    assertThat(Rfc3339.format(Instant.parse("2026-11-21T07:00:00.5Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-11-21T07:00:00.5Z");
  }

  @Test
  void workerRefRuleRejectsNonCanonicalLastCharacter() {
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(43))).isTrue();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42) + "B")).isFalse();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42))).isFalse();
    assertThat(WorkerRefs.isWorkerRef("wr_" + "A".repeat(42) + "=")).isFalse();
  }
}
