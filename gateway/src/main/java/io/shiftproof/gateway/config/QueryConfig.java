package io.shiftproof.gateway.config;

import java.time.ZoneId;

/** Configuration of the day-record and status queries. */
public record QueryConfig(ZoneId zone) {

  public static QueryConfig from(HubSettings s) {
    return new QueryConfig(s.get(HubKeys.WORKING_TIME_ZONE));
  }
}
