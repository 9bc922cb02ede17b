package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs contract transactions the way a ledger would: one state, a transaction id and timestamp per
 * call, events collected. Time advances one second per transaction so that timestamps differ.
 */
final class ContractHarness {
  static final Instant START = Instant.parse("2026-11-28T08:00:00.123456789Z");

  final ShiftproofContract contract = new ShiftproofContract();
  final MapStateStore state = new MapStateStore();
  final List<RecordedEvent> events = new ArrayList<>();
  private int transactions;

  /** A context for the next transaction, invoked by {@code organisation} in {@code role}. */
  TransactionContext as(String organisation, String role) {
    transactions++;
    return new TransactionContext(
        "tx-" + transactions,
        START.plusSeconds(transactions),
        organisation,
        role,
        state,
        (name, payload) -> events.add(new RecordedEvent(name, ContractJson.string(payload))));
  }

  TransactionContext hub() {
    return as("hub", ContractRoles.HUB);
  }

  TransactionContext platform() {
    return as("meituan", ContractRoles.PLATFORM);
  }

  TransactionContext insurer() {
    return as("picc", ContractRoles.INSURER);
  }

  List<String> eventNames() {
    return events.stream().map(RecordedEvent::name).toList();
  }
}
