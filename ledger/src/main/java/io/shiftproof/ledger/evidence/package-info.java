/**
 * Evidence bundles: what an insurer, a court or a worker's representative receives to check,
 * without trusting the hub's database or reaching its ledger, how long a worker was working for
 * which platform around an incident (DESIGN §6, §7).
 *
 * <p>{@link io.shiftproof.ledger.evidence.EvidenceBundleBuilder} makes a bundle; {@link
 * io.shiftproof.ledger.evidence.EvidenceVerifier} checks one offline (the {@code shiftproof verify}
 * command); {@link io.shiftproof.ledger.evidence.CoverageRules} is the coverage rule set both
 * apply.
 *
 * <h2>Format {@code shiftproof-evidence/1}</h2>
 *
 * <p>This format is a contract with outside parties: a member is never renamed or given another
 * meaning within version 1; anything incompatible is {@code shiftproof-evidence/2}. A bundle is one
 * UTF-8 JSON object. Its numbers are integers only and no object has a member twice (a verifier
 * refuses both, since either could let two readers see two different bundles). Times are RFC 3339
 * with the offset of {@code zone} at that instant; microsecond instants are integers counted from
 * the Unix epoch. Hashes are 64 lower-case hex digits; bytes and signatures are base64 (RFC 4648
 * §4, with padding).
 *
 * <pre>{@code
 * {
 *   "format": "shiftproof-evidence/1",
 *   "workerRef": "wr_...",                 the worker's pseudonymous reference
 *   "zone": "Asia/Shanghai",               the hub's zone: local days and offsets below
 *   "incidentAt": "2026-11-28T00:30:00+08:00",
 *   "window": {"from": ..., "to": ...},    incidentAt - 2 h and + 2 h, both included
 *   "generatedAt": ...,
 *   "records": [                           sealed day-record versions, by day then version
 *     { "day": "2026-11-28", "version": 1,
 *       "batchId": ...,                    the anchored batch whose Merkle tree holds the record
 *       "leafIndex": 3, "treeSize": 5,
 *       "leafHash": hex,                   SHA-256(0x00 || canonical bytes), RFC 6962
 *       "inclusionPath": [hex, ...],       RFC 6962 audit path, lowest node first
 *       "recordBase64": ...,               the canonical bytes: Avro single-object encoding of
 *                                          io.shiftproof.schemas.avro.DayRecord, whose header names
 *                                          the schema by fingerprint; these are what is hashed
 *       "record": {...} }                  the same record readable (segments with states and
 *                                          platforms, totals, flags, sourceBatches), derived from
 *                                          the bytes and checked against them
 *   ],
 *   "daysWithoutRecords": ["2026-11-29"],  days of the window the hub attests it holds no record
 *                                          of (the worker had no events; never the incident's day)
 *   "anchors": [                           the batches the records' proofs lead to, by chain then
 *     { "batchId", "chain", "sequence",    sequence; previousBatchId is null for a chain's first
 *       "previousBatchId", "root": hex, "treeSize", "fromMicros", "toMicros", "txId", "anchoredAt",
 *       "ledger": {"kind": "embedded" | "fabric", "channel", "contract", "txId",
 *                  "position"},            the entry's sequence (embedded) or block number (Fabric)
 *       "attestation": null | {            null only for Fabric: look the transaction up on the
 *                                          channel
 *         "type": "embedded-ledger-entry",
 *         "entry": {"sequence", "txId", "txTimeMicros", "function": "AnchorBatch", "invoker",
 *                   "payload": {batchId, chain, sequence, previousBatchId, root, treeSize,
 *                               fromMicros, toMicros, txId, anchoredAtMicros},
 *                   "previousHash": hex},  the embedded ledger's log entry, raw
 *         "signature": base64 } }          the hub's ECDSA signature (DER) over the entry's signed
 *                                          bytes: the RFC 8785 form of {function, invoker,
 *                                          payload, previousHash, sequence, txId, txTime}, txTime
 *                                          in epoch microseconds
 *   ],
 *   "lineage": [{"platform", "batchId"}, ...],  union of the records' sourceBatches, sorted by
 *                                               platform then batchId
 *   "coverage": {
 *     "ruleSet": "cn-pilot-2022",
 *     "outcome": "COVERED" | "REVIEW" | "NOT_COVERED",
 *     "reason": "ENGAGED" | "CLOCK_TOLERANCE" | "AFTER_TASK" | "ONLINE_WAITING" | "OFFLINE",
 *     "liablePlatforms": [...],            engaged at the incident (COVERED only), sorted
 *     "candidatePlatforms": [...],         the platforms that make it a REVIEW, sorted
 *     "flags": ["MULTIPLE_LIABLE"],
 *     "incidentState": "OFFLINE" | "AVAILABLE" | "EN_ROUTE" | "ON_TASK",
 *     "basedOn": [{"day", "version"}, ...] the record versions the rules read
 *   },
 *   "hub": {"certificateChain": PEM,       the hub's certificate first, then intermediates
 *           "signatureAlgorithm": "SHA256withECDSA"},
 *   "signature": base64                    the hub's ECDSA P-256 signature (DER) over the RFC 8785
 *                                          form of this object without its "signature" member
 * }
 * }</pre>
 *
 * <h2>What a verifier checks</h2>
 *
 * <p>Every record decodes under the current schema and re-encodes to the same bytes, matches its
 * readable form, hashes to its leaf hash, belongs to the bundle's worker and is included in its
 * anchor's tree; every anchor's embedded-ledger entry is the anchor and is signed by the hub; the
 * window's local days all have a record or are attested to have none; the lineage is the records'
 * own; re-evaluating {@code cn-pilot-2022} on the records gives the stated coverage; the hub's
 * certificate chains to the CA the reader trusts; and the hub signed the whole. The hub's signature
 * alone would catch any change, but each part is checked on its own so that a failure names the
 * part that is wrong.
 *
 * <h2>Not in version 1</h2>
 *
 * <p>DESIGN §6 also calls for the platforms' signatures over the batches of events behind the
 * records. The hub does not keep those signatures yet, so the bundle names the source batches
 * ({@code lineage}) but cannot let a reader check them; a later version will add them. For a Fabric
 * anchor the bundle carries no attestation, and a reader confirms the transaction on the channel.
 */
package io.shiftproof.ledger.evidence;
