package io.shiftproof.cli.demo;

import java.time.Duration;

/**
 * The cross-platform figures over a set of worker-days, next to what siloed counting reports.
 *
 * @param workersActive workers online on at least one platform
 * @param platformAccounts the sum over platforms of their active workers: the head count siloed
 *     counting reports, where a multi-app worker counts once per platform
 * @param online actual online time, each moment counted once (sum of {@code onlineSeconds})
 * @param platformSum online time as the platforms report it, added up (sum of {@code
 *     platformSumSeconds})
 * @param engaged actual engaged time (sum of {@code engagedSeconds})
 * @param platformEngagedSum engaged time as the platforms report it, added up
 * @param multiApp time online on two or more platforms at once (sum of {@code multiAppSeconds})
 * @param workersOverLimit workers whose engaged stretch across platforms exceeds 4 hours
 * @param workersOverLimitOnSomePlatform workers at least one platform alone sees over 4 hours
 * @param workersOverLimitOnNoPlatform workers over 4 hours across platforms on a day when no single
 *     platform sees them over 4 hours: the ones a per-platform fatigue limit misses
 */
public record CrossPlatformFigures(
    int workersActive,
    int platformAccounts,
    Duration online,
    Duration platformSum,
    Duration engaged,
    Duration platformEngagedSum,
    Duration multiApp,
    int workersOverLimit,
    int workersOverLimitOnSomePlatform,
    int workersOverLimitOnNoPlatform) {

  /** Online time siloed counting reports beyond the actual online time. */
  public Duration onlineOvercount() {
    return platformSum.minus(online);
  }
}
