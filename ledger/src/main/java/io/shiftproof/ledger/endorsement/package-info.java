/**
 * Offline checks of a transaction that a permissioned ledger's organisations endorsed: the
 * endorsements against the organisations' MSP root certificates, the endorsement policy, and that
 * the endorsed write set holds what the evidence claims. Parsing a ledger's own transaction format
 * is left to an {@link io.shiftproof.ledger.endorsement.EndorsedTransactionReader} found with
 * {@link java.util.ServiceLoader}, so that this module needs no ledger library.
 */
package io.shiftproof.ledger.endorsement;
