package io.shiftproof.ledger.contract;

/** Why the contract refused a transaction; the name is the stable code clients see. */
public enum ContractError {
  /** An argument is missing or malformed; the message names it. */
  INVALID_ARGUMENT,
  /** The invoker's role may not run this transaction. */
  FORBIDDEN,
  /** The batch id is already anchored with other content. */
  ANCHOR_CONFLICT,
  /** The request's previous batch is not the chain's head: a batch would be skipped or forked. */
  PREVIOUS_ANCHOR_MISMATCH,
  /** A claim with this id already exists. */
  CLAIM_EXISTS,
  /** No claim has this id. */
  CLAIM_NOT_FOUND,
  /** The claim's status does not allow this transaction. */
  INVALID_TRANSITION,
  /** A policy with this id already exists. */
  POLICY_EXISTS,
  /** No policy has this id. */
  POLICY_NOT_FOUND,
  /** A decision's signature does not verify with its signer's certificate. */
  SIGNATURE_INVALID,
  /** This signed decision was submitted before; a decision counts once. */
  DECISION_REPLAYED
}
