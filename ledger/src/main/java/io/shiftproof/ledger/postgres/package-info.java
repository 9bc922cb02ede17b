/**
 * The {@code postgres} ledger backend: the contract run over the hub's PostgreSQL database, each
 * SUBMIT transaction appended to an append-only, hash-chained log that the hub signs. It is the
 * production ledger of a hub without a Fabric network, not to be confused with the in-process
 * development servers of the {@code embedded} module. Its transactions still carry the ledger kind
 * and channel {@code embedded}, the names anchors and evidence bundles were published with.
 *
 * <p>Only {@link io.shiftproof.ledger.backend.Ledgers} constructs it; everyone else sees {@link
 * io.shiftproof.ledger.Ledger}.
 */
package io.shiftproof.ledger.postgres;
