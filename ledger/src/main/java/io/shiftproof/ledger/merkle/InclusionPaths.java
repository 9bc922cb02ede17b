package io.shiftproof.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of an inclusion path: its hashes concatenated, leaf end first, 32 bytes each. The
 * leaf index and tree size are stored beside it.
 */
public final class InclusionPaths {
  private InclusionPaths() {}

  public static byte[] encode(List<Hash> path) {
    byte[] out = new byte[path.size() * Hash.LENGTH];
    for (int i = 0; i < path.size(); i++) {
      System.arraycopy(path.get(i).raw(), 0, out, i * Hash.LENGTH, Hash.LENGTH);
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException if the length is not a multiple of 32
   */
  public static List<Hash> decode(byte[] stored) {
    if (stored.length % Hash.LENGTH != 0) {
      throw new IllegalArgumentException(
          "inclusion path: got " + stored.length + " bytes, want a multiple of " + Hash.LENGTH);
    }
    List<Hash> path = new ArrayList<>(stored.length / Hash.LENGTH);
    for (int at = 0; at < stored.length; at += Hash.LENGTH) {
      path.add(Hash.copyOf(stored, at));
    }
    return List.copyOf(path);
  }
}
