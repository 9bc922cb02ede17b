package io.shiftproof.gateway.claims;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.ledger.LedgerException;
import java.util.function.Supplier;

/**
 * The contract's refusals as the API's stable codes. A refusal is the caller's to fix (a {@code
 * 4xx}); a ledger that is unavailable or broken stays a {@link LedgerException}, which the routes
 * answer as the hub's own trouble.
 */
final class LedgerRefusals {
  private LedgerRefusals() {}

  /** Runs a ledger transaction, turning a refusal into the caller's error. */
  static <T> T submit(Supplier<T> transaction) {
    try {
      return transaction.get();
    } catch (LedgerException e) {
      throw toApi(e);
    }
  }

  static RuntimeException toApi(LedgerException e) {
    HttpErrorCode code =
        switch (e.code()) {
          case "INVALID_ARGUMENT" -> HttpErrorCode.BAD_REQUEST;
          case "FORBIDDEN" -> HttpErrorCode.NOT_PERMITTED;
          case "CLAIM_NOT_FOUND" -> HttpErrorCode.CLAIM_NOT_FOUND;
          case "CLAIM_EXISTS", "INVALID_TRANSITION" -> HttpErrorCode.INVALID_TRANSITION;
          case "POLICY_EXISTS" -> HttpErrorCode.POLICY_EXISTS;
          case "POLICY_NOT_FOUND" -> HttpErrorCode.POLICY_NOT_FOUND;
          case "SIGNATURE_INVALID" -> HttpErrorCode.SIGNATURE_INVALID;
          case "DECISION_REPLAYED" -> HttpErrorCode.DECISION_REPLAYED;
          default -> null;
        };
    return code == null ? e : code.exception(e.getMessage());
  }
}
