package io.shiftproof.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 6962 §2.1 written down literally (MTH, PATH, PROOF / SUBPROOF over ranges of the leaf list),
 * sharing no code with the production tree, so that the two can be compared. Subtree hashes are
 * memoised by range only to keep the exhaustive comparison fast.
 */
final class ReferenceMerkle {
  private final List<byte[]> leaves;
  private final Map<Long, byte[]> memo = new HashMap<>();
  private final MessageDigest sha256;

  ReferenceMerkle(List<byte[]> leaves) {
    this.leaves = leaves;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** MTH(D[0:n]). */
  byte[] root(int n) {
    return mth(0, n);
  }

  /** PATH(m, D[0:n]). */
  List<byte[]> path(int m, int n) {
    return path(m, 0, n);
  }

  /** PROOF(m, D[0:n]). */
  List<byte[]> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private byte[] mth(int start, int end) {
    int n = end - start;
    if (n == 0) {
      return sha256.digest(new byte[0]);
    }
    if (n == 1) {
      return sha256.digest(concat(new byte[] {0}, leaves.get(start)));
    }
    long key = ((long) start << 32) | end;
    byte[] cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    int k = largestPowerOfTwoBelow(n);
    byte[] hash = sha256.digest(concat(new byte[] {1}, mth(start, start + k), mth(start + k, end)));
    memo.put(key, hash);
    return hash;
  }

  private List<byte[]> path(int m, int start, int end) {
    int n = end - start;
    List<byte[]> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, start, start + k));
      result.add(mth(start + k, end));
    } else {
      result.addAll(path(m - k, start + k, end));
      result.add(mth(start, start + k));
    }
    return result;
  }

  private List<byte[]> subproof(int m, int start, int end, boolean b) {
    int n = end - start;
    List<byte[]> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(start, end));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, start, start + k, b));
      result.add(mth(start + k, end));
    } else {
      result.addAll(subproof(m - k, start + k, end, false));
      result.add(mth(start, start + k));
    }
    return result;
  }

  /** The largest power of two smaller than {@code n}, for {@code n > 1}. */
  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] result = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, result, offset, part.length);
      offset += part.length;
    }
    return result;
  }
}
