package io.shiftproof.ledger.contract;

import java.util.Objects;

/**
 * The contract refused a transaction: a {@link ContractError} code for programs and a message for
 * people. Nothing the transaction wrote is committed.
 */
public final class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ContractError error;

  public ContractException(ContractError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The machine-readable reason. */
  public ContractError error() {
    return error;
  }

  /** The code as clients see it, e.g. {@code ANCHOR_CONFLICT}. */
  public String code() {
    return error.name();
  }
}
