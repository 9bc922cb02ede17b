package io.shiftproof.gateway.tokens;

import java.util.Optional;

/**
 * Worker access tokens (docs/design.md §7.5): random, 256 bits, kept only as their SHA-256, and
 * revocable. A token opens its worker's own days, claims, evidence and access-log entries.
 */
public interface WorkerTokens {
  /**
   * Issues a new token for a worker.
   *
   * @param issuedBy the organisation that issues it (the reporter of a claim, or the platform)
   * @param claimId the claim whose receipt carries it, if any
   * @return the token, shown this once: only its hash is kept
   */
  String issue(String workerRef, String issuedBy, Optional<String> claimId);

  /** The worker a token opens, unless it is unknown or revoked. */
  Optional<String> workerOf(String token);

  /**
   * Revokes a token.
   *
   * @param issuer the organisation that must have issued it, or empty for anyone (the worker
   *     revoking their own token, or an admin)
   * @return whether a token was revoked now (false when unknown, another's, or already revoked)
   */
  boolean revoke(String token, String revokedBy, Optional<String> issuer);

  /**
   * Whether the platform has sent events for the worker (its signed events, or a record's lineage).
   */
  boolean platformKnowsWorker(String platform, String workerRef);
}
