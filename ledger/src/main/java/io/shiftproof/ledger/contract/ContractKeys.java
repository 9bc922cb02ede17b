package io.shiftproof.ledger.contract;

/**
 * The contract's names in one place: world-state keys, transaction names and event names. The
 * offline verifier and the Fabric chaincode read the same keys, so they never change once released.
 */
public final class ContractKeys {
  /** Transaction name: anchor a batch. */
  public static final String ANCHOR_BATCH = "AnchorBatch";

  /** Transaction name: report an incident, opening a claim. */
  public static final String REPORT_INCIDENT = "ReportIncident";

  /** Transaction name: attach the frozen evidence's hash to a claim. */
  public static final String ATTACH_EVIDENCE = "AttachEvidence";

  /** Transaction name: decide a claim. */
  public static final String DECIDE_CLAIM = "DecideClaim";

  /** Transaction name: record a claim's payment. */
  public static final String MARK_PAID = "MarkPaid";

  /** Transaction name: register a policy, offered by an insurer to a platform. */
  public static final String REGISTER_POLICY = "RegisterPolicy";

  /** Transaction name: accept a registered policy, putting it in force over its period. */
  public static final String ACCEPT_POLICY = "AcceptPolicy";

  /** Transaction name: record an access to a worker's data. */
  public static final String LOG_ACCESS = "LogAccess";

  /** Event: a batch was anchored; the payload is the anchor's JSON. */
  public static final String ANCHOR_COMMITTED = "AnchorCommitted";

  /** Event: a claim was opened; the payload is the claim's JSON. */
  public static final String CLAIM_REPORTED = "ClaimReported";

  /** Event: evidence was attached to a claim; the payload is the claim's JSON. */
  public static final String EVIDENCE_ATTACHED = "EvidenceAttached";

  /** Event: a claim was decided; the payload is the claim's JSON. */
  public static final String CLAIM_DECIDED = "ClaimDecided";

  /** Event: a claim was paid; the payload is the claim's JSON. */
  public static final String CLAIM_PAID = "ClaimPaid";

  /** Event: a policy was registered; the payload is the policy's JSON. */
  public static final String POLICY_REGISTERED = "PolicyRegistered";

  /** Event: a policy was accepted; the payload is the policy's JSON. */
  public static final String POLICY_ACCEPTED = "PolicyAccepted";

  /** Event: an access was logged; the payload is the access log entry's JSON. */
  public static final String ACCESS_LOGGED = "AccessLogged";

  // "~" cannot start a batch id, chain or claim id in practice and keeps the prefixes apart, so
  // a range scan over one prefix never sees another kind of value.
  private static final String SEPARATOR = "~";

  private ContractKeys() {}

  /** The key of an anchored batch. */
  public static String anchor(String batchId) {
    return "anchor" + SEPARATOR + batchId;
  }

  /** The key holding the batch id of a chain's newest anchor. */
  public static String head(String chain) {
    return "head" + SEPARATOR + chain;
  }

  /** The key of a claim. */
  public static String claim(String claimId) {
    return "claim" + SEPARATOR + claimId;
  }

  /** The key of a policy. */
  public static String policy(String policyId) {
    return "policy" + SEPARATOR + policyId;
  }

  /** The key holding the ids of every policy registered for a platform, in registration order. */
  public static String platformPolicies(String platform) {
    return "policies" + SEPARATOR + platform;
  }

  /**
   * The key marking a signed decision as used, by the hex SHA-256 of its canonical bytes: a
   * decision counts once, however its signature is re-encoded.
   */
  public static String decision(String canonicalHashHex) {
    return "decision" + SEPARATOR + canonicalHashHex;
  }

  /** The key of one logged access, grouped by worker so that a worker's log is one range. */
  public static String access(String workerRef, String txId) {
    return "access" + SEPARATOR + workerRef + SEPARATOR + txId;
  }
}
