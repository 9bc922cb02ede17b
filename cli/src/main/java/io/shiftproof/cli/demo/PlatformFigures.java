package io.shiftproof.cli.demo;

import java.time.Duration;

/**
 * One platform's figures over a set of worker-days, as that platform would report them on its own.
 *
 * @param platform the platform's name
 * @param workersActive workers the platform had online at some time
 * @param online the platform's online time, summed over workers
 * @param engaged the platform's engaged time (en route or on task), summed over workers
 * @param workersOverLimit workers with an engaged stretch on this platform alone over 4 hours
 */
public record PlatformFigures(
    String platform, int workersActive, Duration online, Duration engaged, int workersOverLimit) {}
