package io.shiftproof.ledger.contract;

/** An event the contract emitted, as a test saw it. */
record RecordedEvent(String name, String payload) {}
