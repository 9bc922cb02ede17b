package io.shiftproof.schemas.wire;

import java.util.Objects;

/**
 * One rejected event of a batch: its 0-based index in {@code events}, a stable code and a message
 * of the form {@code field: got X, want Y}.
 */
public record EventRejection(int index, ErrorCode code, String message) {
  public EventRejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
