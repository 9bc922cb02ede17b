package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.gateway.config.ConfigException;
import io.shiftproof.gateway.config.HubKeys;
import io.shiftproof.gateway.config.HubSettings;
import io.shiftproof.gateway.config.QueryConfig;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingTimeZoneSettingTest {

  @Test
  void zoneDefaultsToShanghaiAndCanBeOverridden() {
    assertThat(QueryConfig.from(HubSettings.defaults()).zone())
        .isEqualTo(ZoneId.of("Asia/Shanghai"));
    HubSettings berlin =
        HubSettings.load(null, Map.of("SHIFTPROOF_WORKING_TIME_ZONE", "Europe/Berlin"), Map.of());
    assertThat(QueryConfig.from(berlin).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void unknownZoneIsRefusedAtStartUpByName() {
    assertThatThrownBy(
            () ->
                HubSettings.load(
                    null, Map.of(), Map.of(HubKeys.WORKING_TIME_ZONE.name(), "Mars/Olympus")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("working-time.zone: got \"Mars/Olympus\", want a time-zone id");
  }
}
