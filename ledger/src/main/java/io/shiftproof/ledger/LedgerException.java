package io.shiftproof.ledger;

/**
 * A ledger operation that failed, with a stable code. {@link #retriable()} says whether the same
 * call may succeed later unchanged (the ledger was unreachable, a deadline passed, a concurrent
 * transaction won); contract rejections are never retriable.
 */
public class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final boolean retriable;

  public LedgerException(String code, String message, boolean retriable, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
    this.retriable = retriable;
  }

  public LedgerException(String code, String message, boolean retriable) {
    this(code, message, retriable, null);
  }

  /** A stable, machine-readable code, e.g. {@code ANCHOR_CONFLICT} or {@code UNAVAILABLE}. */
  public String code() {
    return code;
  }

  public boolean retriable() {
    return retriable;
  }
}
