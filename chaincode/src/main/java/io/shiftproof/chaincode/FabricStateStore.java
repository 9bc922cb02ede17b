package io.shiftproof.chaincode;

import io.shiftproof.ledger.contract.StateStore;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The contract's world state on a peer: {@code getState}/{@code putState} of the transaction's
 * stub. A namespaced call's keys are Fabric composite keys ({@code namespace}, name, key), which
 * begin with U+0000 as no simple key may, so they never meet the hub's keys nor another
 * namespace's. Fabric's reads do not see the transaction's own writes, so writes are also kept here
 * for the rest of the transaction.
 */
final class FabricStateStore implements StateStore {
  private final ChaincodeStub stub;
  private final String namespace;
  private final java.util.Map<String, byte[]> written = new java.util.HashMap<>();

  FabricStateStore(ChaincodeStub stub, String namespace) {
    this.stub = stub;
    this.namespace = namespace;
  }

  private String stateKey(String key) {
    return namespace.isEmpty()
        ? key
        : stub.createCompositeKey("namespace", namespace, key).toString();
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] own = written.get(key);
    if (own != null) {
      return Optional.of(own.clone());
    }
    byte[] value = stub.getState(stateKey(key));
    return value == null || value.length == 0 ? Optional.empty() : Optional.of(value);
  }

  @Override
  public void put(String key, byte[] value) {
    written.put(key, value.clone());
    stub.putState(stateKey(key), value);
  }

  /** Every committed version of {@code key}, from the peer's history database, in its order. */
  java.util.List<io.shiftproof.ledger.contract.ContractJson.Version> history(String key) {
    java.util.List<io.shiftproof.ledger.contract.ContractJson.Version> versions =
        new java.util.ArrayList<>();
    try (org.hyperledger.fabric.shim.ledger.QueryResultsIterator<
            org.hyperledger.fabric.shim.ledger.KeyModification>
        it = stub.getHistoryForKey(stateKey(key))) {
      for (org.hyperledger.fabric.shim.ledger.KeyModification m : it) {
        if (!m.isDeleted()) {
          versions.add(
              new io.shiftproof.ledger.contract.ContractJson.Version(
                  m.getTxId(), m.getStringValue()));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("history of " + key + ": " + e.getMessage(), e);
    }
    return versions;
  }

  /**
   * The values of every key of this namespace that begins with {@code prefix}. A namespaced store
   * scans the namespace's composite keys and keeps those whose key matches, as Fabric matches
   * composite keys only by whole attributes.
   */
  java.util.List<String> valuesWithPrefix(String prefix) {
    java.util.List<String> values = new java.util.ArrayList<>();
    try (org.hyperledger.fabric.shim.ledger.QueryResultsIterator<
            org.hyperledger.fabric.shim.ledger.KeyValue>
        it =
            namespace.isEmpty()
                ? stub.getStateByRange(prefix, prefix + "\uffff")
                : stub.getStateByPartialCompositeKey("namespace", namespace)) {
      for (org.hyperledger.fabric.shim.ledger.KeyValue kv : it) {
        String key =
            namespace.isEmpty()
                ? kv.getKey()
                : stub.splitCompositeKey(kv.getKey()).getAttributes().get(1);
        if (key.startsWith(prefix)) {
          values.add(kv.getStringValue());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("keys under " + prefix + ": " + e.getMessage(), e);
    }
    return values;
  }
}
