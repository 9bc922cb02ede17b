package io.shiftproof.simulator;

import java.util.OptionalInt;

/**
 * A batch the pusher could not deliver, or whose acknowledgement it could not read.
 *
 * @param platform the sending platform
 * @param batchId the batch
 * @param events events in the batch
 * @param attempts how often it was sent
 * @param kind what went wrong
 * @param status the last HTTP status, if a response came at all
 * @param detail the response body (shortened) or the connection error
 */
public record PushFailure(
    String platform,
    String batchId,
    int events,
    int attempts,
    Kind kind,
    OptionalInt status,
    String detail) {

  /** Why a batch is listed as failed. */
  public enum Kind {
    /** The hub refused the batch with a status that retrying cannot change (most 4xx). */
    REFUSED,
    /** Every attempt met a retryable status or a connection error. */
    GAVE_UP,
    /** The hub acknowledged the batch (2xx) but its response was not the expected JSON. */
    UNREADABLE_RESPONSE
  }
}
