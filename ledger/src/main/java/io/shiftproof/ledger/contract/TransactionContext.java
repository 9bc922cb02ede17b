package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a contract transaction may see besides its arguments. The ledger supplies the id and
 * the timestamp so that every peer running the transaction computes the same result: the contract
 * never reads a clock or a random source of its own.
 *
 * @param txId the transaction id, assigned by the ledger
 * @param txTimestamp the transaction's timestamp, the contract's only notion of time
 * @param invokerOrganisation the organisation that submitted the transaction
 * @param invokerRole its role: one of {@link ContractRoles}
 * @param state the world state
 * @param events where the transaction's events go
 */
public record TransactionContext(
    String txId,
    Instant txTimestamp,
    String invokerOrganisation,
    String invokerRole,
    StateStore state,
    EventSink events) {
  public TransactionContext {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(txTimestamp, "txTimestamp");
    Objects.requireNonNull(invokerOrganisation, "invokerOrganisation");
    Objects.requireNonNull(invokerRole, "invokerRole");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(events, "events");
  }

  /** Records an event, published if the transaction commits. */
  public void emit(String eventName, byte[] payload) {
    events.emit(eventName, payload);
  }
}
