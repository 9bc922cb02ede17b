package io.shiftproof.schemas.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 §2.1 tree hash over packed 32-byte hashes: {@code SHA-256(0x00 ‖ leaf)} for leaves,
 * {@code SHA-256(0x01 ‖ left ‖ right)} for interior nodes, SHA-256 of nothing for the empty tree.
 *
 * <p>It lives in the wire-format module because a platform computes the root over its batch's
 * events when it signs ({@code BatchSignature}) with nothing but this module and the JDK; the
 * ledger's Merkle trees and the hub's checks build on the same functions, so the two can never
 * disagree on a root.
 */
public final class Rfc6962 {
  /** The length of a SHA-256 hash in bytes. */
  public static final int HASH_LENGTH = 32;

  /** The byte a leaf's hash input starts with. */
  public static final byte LEAF_PREFIX = 0x00;

  /** The byte an interior node's hash input starts with. */
  public static final byte NODE_PREFIX = 0x01;

  private Rfc6962() {}

  /** A fresh SHA-256; digests are stateful, so each thread or loop takes its own. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Writes the leaf hash of {@code bytes[offset, offset + length)} into {@code out} at {@code
   * outOffset}, without copying the leaf out of a larger array (an event inside a batch body).
   */
  public static void leafHash(
      MessageDigest digest, byte[] bytes, int offset, int length, byte[] out, int outOffset) {
    digest.update(LEAF_PREFIX);
    digest.update(bytes, offset, length);
    finish(digest, out, outOffset);
  }

  /**
   * The level above {@code level}, which packs {@code count} hashes: the node hash of each pair,
   * and an odd last hash carried up unchanged. Node {@code j} of level {@code k} is then the RFC
   * 6962 hash of leaves {@code [j·2^k, min((j+1)·2^k, n))}: the tree that splits at the largest
   * power of two below {@code n}.
   */
  public static byte[] parentLevel(MessageDigest digest, byte[] level, int count) {
    int parents = (count + 1) / 2;
    byte[] next = new byte[parents * HASH_LENGTH];
    for (int j = 0; j < count / 2; j++) {
      digest.update(NODE_PREFIX);
      digest.update(level, 2 * j * HASH_LENGTH, 2 * HASH_LENGTH);
      finish(digest, next, j * HASH_LENGTH);
    }
    if (count % 2 == 1) {
      System.arraycopy(
          level, (count - 1) * HASH_LENGTH, next, (parents - 1) * HASH_LENGTH, HASH_LENGTH);
    }
    return next;
  }

  /** The root over packed leaf hashes ({@code leafHashes.length} a multiple of 32). */
  public static byte[] root(byte[] leafHashes) {
    if (leafHashes.length % HASH_LENGTH != 0) {
      throw new IllegalArgumentException(
          "leafHashes: got " + leafHashes.length + " bytes, want a multiple of " + HASH_LENGTH);
    }
    MessageDigest digest = newDigest();
    int count = leafHashes.length / HASH_LENGTH;
    if (count == 0) {
      return digest.digest();
    }
    byte[] level = leafHashes;
    while (count > 1) {
      level = parentLevel(digest, level, count);
      count = (count + 1) / 2;
    }
    return level == leafHashes ? leafHashes.clone() : level;
  }

  /** Finishes {@code digest} into {@code out} at {@code offset}, which must have 32 bytes free. */
  public static void finish(MessageDigest digest, byte[] out, int offset) {
    try {
      digest.digest(out, offset, HASH_LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit 32 bytes", e);
    }
  }
}
