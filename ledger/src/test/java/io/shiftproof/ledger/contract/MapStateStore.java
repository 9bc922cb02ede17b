package io.shiftproof.ledger.contract;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link StateStore} for running the contract without a ledger. */
final class MapStateStore implements StateStore {
  private final Map<String, byte[]> values = new TreeMap<>();

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(values.get(key)).map(byte[]::clone);
  }

  @Override
  public void put(String key, byte[] value) {
    values.put(key, value.clone());
  }

  /** The whole state as text, keys in order: equal states give equal snapshots. */
  String snapshot() {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(ContractJson.string(v)).append('\n'));
    return out.toString();
  }

  int size() {
    return values.size();
  }
}
