package io.shiftproof.ledger.backend;

import io.shiftproof.ledger.LedgerEndpoint;

/**
 * A ledger backend that lives in a module of its own (Fabric's, with its gRPC and protocol
 * libraries), so that this module need not depend on it: {@link Ledgers} finds it through {@link
 * java.util.ServiceLoader}.
 */
public interface LedgerBackend {
  /** The {@code ledger.kind} this backend serves. */
  LedgerKind kind();

  /** The hub's ledger on this backend, as the hub and the working-time job connect to it. */
  LedgerEndpoint endpoint(LedgerSettings settings);
}
