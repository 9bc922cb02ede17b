package io.shiftproof.ledger.contract;

import java.util.Objects;

/**
 * What {@code MarkPaid} writes: the payment of an approved claim by the insurer that approved it.
 *
 * @param paymentRef the insurer's payment reference
 * @param amountFen the amount paid, in fen (¥0.01)
 */
public record ClaimPayment(String claimId, String paymentRef, long amountFen) {
  public ClaimPayment {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(paymentRef, "paymentRef");
  }
}
