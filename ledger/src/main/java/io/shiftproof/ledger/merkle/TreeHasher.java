package io.shiftproof.ledger.merkle;

import io.shiftproof.schemas.merkle.Rfc6962;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The RFC 6962 §2.1 hash functions: {@code SHA-256(0x00 ‖ leaf)} for leaves, {@code SHA-256(0x01 ‖
 * left ‖ right)} for interior nodes, and SHA-256 of nothing for the empty tree. The prefixes keep a
 * leaf from ever being passed off as an interior node. The functions themselves are {@link
 * Rfc6962}'s, which platforms use to sign their batches' events.
 */
public final class TreeHasher {
  static final byte LEAF_PREFIX = Rfc6962.LEAF_PREFIX;
  static final byte NODE_PREFIX = Rfc6962.NODE_PREFIX;

  /** The root of a tree without leaves: SHA-256 of the empty string. */
  public static final Hash EMPTY_ROOT = Hash.wrap(newDigest().digest());

  // MessageDigest is stateful and not thread-safe; one per thread avoids both locking and the
  // cost of a provider lookup per hash.
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(TreeHasher::newDigest);

  private TreeHasher() {}

  /** The leaf hash of {@code leaf}, e.g. the canonical bytes of a sealed day-record version. */
  public static Hash leafHash(byte[] leaf) {
    Objects.requireNonNull(leaf, "leaf");
    MessageDigest digest = DIGEST.get();
    digest.update(LEAF_PREFIX);
    digest.update(leaf);
    return Hash.wrap(digest.digest());
  }

  /** The hash of the interior node whose children are {@code left} and {@code right}. */
  public static Hash nodeHash(Hash left, Hash right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    return Hash.wrap(nodeHash(left.raw(), right.raw()));
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest digest = DIGEST.get();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  static MessageDigest newDigest() {
    return Rfc6962.newDigest();
  }

  /** Finishes {@code digest} into {@code out} at {@code offset}, which must have 32 bytes free. */
  static void finish(MessageDigest digest, byte[] out, int offset) {
    Rfc6962.finish(digest, out, offset);
  }
}
