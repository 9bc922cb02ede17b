package io.shiftproof.chaincode;

import io.shiftproof.ledger.contract.StateStore;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The contract's world state on a peer: {@code getState}/{@code putState} of the transaction's
 * stub, every key under the call's namespace. Fabric's reads do not see the transaction's own
 * writes, so writes are also kept here for the rest of the transaction.
 */
final class FabricStateStore implements StateStore {
  private final ChaincodeStub stub;
  private final String prefix;
  private final java.util.Map<String, byte[]> written = new java.util.HashMap<>();

  FabricStateStore(ChaincodeStub stub, String namespace) {
    this.stub = stub;
    this.prefix = namespace.isEmpty() ? "" : namespace + "/";
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] own = written.get(key);
    if (own != null) {
      return Optional.of(own.clone());
    }
    byte[] value = stub.getState(prefix + key);
    return value == null || value.length == 0 ? Optional.empty() : Optional.of(value);
  }

  @Override
  public void put(String key, byte[] value) {
    written.put(key, value.clone());
    stub.putState(prefix + key, value);
  }
}
