package io.shiftproof.ledger.merkle;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 hash of a Merkle leaf, node or root: exactly 32 bytes, equal by content, printed as
 * lower-case hex.
 *
 * <p>A final class rather than a record because the array must never be shared with a caller: a
 * record would expose its component and compare it by identity.
 */
public final class Hash {
  /** The length of a SHA-256 hash in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A hash holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    checkLength(bytes.length);
    return new Hash(bytes.clone());
  }

  /** The hash written as 64 hex digits, either case. */
  public static Hash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    byte[] bytes = HEX.parseHex(hex);
    checkLength(bytes.length);
    return new Hash(bytes);
  }

  /** Takes ownership of a freshly computed array; callers must not keep or change it. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /** Copies the 32 bytes at {@code offset} of a packed array of hashes. */
  static Hash copyOf(byte[] packed, int offset) {
    return new Hash(Arrays.copyOfRange(packed, offset, offset + LENGTH));
  }

  private static void checkLength(int length) {
    if (length != LENGTH) {
      throw new IllegalArgumentException(
          "hash: got " + length + " bytes, want " + LENGTH + " (SHA-256)");
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes themselves, for hashing without a copy; never handed outside the package. */
  byte[] raw() {
    return bytes;
  }

  /** The hash as 64 lower-case hex digits. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
