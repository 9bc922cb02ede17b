package io.shiftproof.streamjobs.worktime;

import java.time.Instant;

/**
 * A half-open interval {@code [from, to)} during which one platform is at least in {@code state}.
 */
record StateInterval(String platform, WorkState state, Instant from, Instant to) {}
