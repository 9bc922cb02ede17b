package io.shiftproof.simulator;

/**
 * One session a worker will run on one platform: logged on at {@code startMillis}, taking orders
 * until {@code plannedEndMillis}, then finishing the orders in hand and logging off.
 *
 * @param worker the worker
 * @param platformIndex index of the platform in the config
 * @param platform the platform
 * @param sessionId the platform's session id
 * @param day 0-based simulated day the session was planned on
 * @param slot number of the session within the worker's day
 * @param startMillis epoch millis of {@code ONLINE} (true time)
 * @param plannedEndMillis epoch millis after which no new order is taken
 */
record PlannedSession(
    WorkerProfile worker,
    int platformIndex,
    SimulatedPlatform platform,
    String sessionId,
    int day,
    int slot,
    long startMillis,
    long plannedEndMillis) {}
