package io.shiftproof.schemas.wire;

import java.time.Instant;

/**
 * An accepted event as the hub records it on the {@code work-events} topic: the event plus the
 * platform that sent it (taken from its client certificate, never from the body), the batch it came
 * in, and when the hub received it.
 */
public record RecordedEvent(String platform, String batchId, Instant receivedAt, WorkEvent event) {}
