package io.shiftproof.ledger.evidence;

import java.util.Objects;

/** Evidence cannot be built from the inputs given; the code says why, the message what to do. */
public final class EvidenceException extends RuntimeException {
  /** Stable reasons a bundle is refused. */
  public enum Code {
    /**
     * No sealed record describes the incident instant or a day of the window: seal an interim
     * version of the day (docs/design.md §5) and ask again once it is anchored.
     */
    RECORD_MISSING,
    /** The records, proofs and anchors given do not fit together: a bug in the caller. */
    INCONSISTENT_INPUT
  }

  private final Code code;

  public EvidenceException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public EvidenceException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
