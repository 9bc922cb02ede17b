package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code RegisterPolicy} writes: the terms an insurer offers a platform.
 *
 * @param policyId unique per policy, chosen by the insurer
 * @param insurer the covering insurer's organisation
 * @param platform the covered platform's organisation
 * @param validFrom the first covered instant
 * @param validTo the end of cover, exclusive
 * @param premiumPerOrderFen the premium the platform pays per order, in fen (¥0.01), the pilot's
 *     unit of charging (按单计费)
 */
public record PolicyTerms(
    String policyId,
    String insurer,
    String platform,
    Instant validFrom,
    Instant validTo,
    long premiumPerOrderFen) {
  public PolicyTerms {
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(insurer, "insurer");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validTo, "validTo");
  }
}
