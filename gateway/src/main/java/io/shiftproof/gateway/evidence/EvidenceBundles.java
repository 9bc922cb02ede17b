package io.shiftproof.gateway.evidence;

/** Where the evidence route gets its bundles from. */
public interface EvidenceBundles {
  /**
   * The signed evidence bundle for the incident, as JSON. Blocks: it may wait for an interim
   * version, reads the records and the ledger, writes the access log and signs.
   */
  byte[] bundle(EvidenceQuery query);
}
