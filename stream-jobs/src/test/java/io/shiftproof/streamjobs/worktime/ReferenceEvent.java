package io.shiftproof.streamjobs.worktime;

import io.shiftproof.schemas.wire.WorkEventType;

/** An event as the reference model sees it: times are whole epoch seconds. */
record ReferenceEvent(
    String platform,
    String sessionId,
    String eventId,
    WorkEventType type,
    String taskRef,
    long occurredAtSecond) {}
