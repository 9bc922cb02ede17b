package io.shiftproof.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingTimeZoneSettingTest {

  @Test
  void zoneDefaultsToShanghaiAndCanBeOverridden() {
    assertThat(WorkingTimeJobConfig.from(Settings.defaults(JobKeys.ALL)).workingTime().zone())
        .isEqualTo(ZoneId.of("Asia/Shanghai"));
    Settings berlin =
        Settings.load(
            JobKeys.ALL,
            null,
            Map.of("SHIFTPROOF_WORKING_TIME_ZONE", "Europe/Berlin"),
            Map.of(),
            "");
    assertThat(WorkingTimeJobConfig.from(berlin).workingTime().zone())
        .isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void unknownZoneIsRefusedAtStartUpByName() {
    assertThatThrownBy(
            () ->
                Settings.load(
                    JobKeys.ALL,
                    null,
                    Map.of(),
                    Map.of(JobKeys.WORKING_TIME_ZONE.name(), "Mars/Olympus"),
                    ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("working-time.zone: got \"Mars/Olympus\", want a time-zone id");
  }
}
