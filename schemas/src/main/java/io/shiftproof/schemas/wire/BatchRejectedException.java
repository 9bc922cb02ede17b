package io.shiftproof.schemas.wire;

import java.util.Objects;

/**
 * Thrown when a whole batch is unusable (malformed body, bad batchId, too many events, ...). No
 * event of such a batch is accepted; the client fixes the body and sends it again.
 */
public final class BatchRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public BatchRejectedException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable code clients switch on. */
  public ErrorCode code() {
    return code;
  }
}
