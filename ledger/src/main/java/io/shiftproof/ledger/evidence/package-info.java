/**
 * Evidence bundles: what an insurer, a court or a worker's representative receives to check,
 * without trusting the hub's database or reaching its ledger, how long a worker was working for
 * which platform around an incident.
 *
 * <p>{@link io.shiftproof.ledger.evidence.EvidenceBundleBuilder} makes a bundle; {@link
 * io.shiftproof.ledger.evidence.EvidenceVerifier} checks one offline (the {@code shiftproof verify}
 * command); {@link io.shiftproof.ledger.evidence.CoverageRules} is the coverage rule set both
 * apply. The format {@code shiftproof-evidence/4} and the verifier's checks are specified in
 * docs/evidence-format.md §1 and §2; the coverage rules in docs/design.md §7.
 */
package io.shiftproof.ledger.evidence;
