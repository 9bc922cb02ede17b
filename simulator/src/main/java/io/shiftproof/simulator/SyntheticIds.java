package io.shiftproof.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic stand-ins for the identifiers a platform would send. Each is a hash of the seed and
 * the thing it names, so ids are stable across runs, unique in practice, and reveal nothing about
 * worker numbers. Not thread-safe: one instance per generation.
 */
final class SyntheticIds {
  /** Name-space of the version-5 event ids, itself a name-based UUID of this simulator. */
  private static final UUID EVENT_NAMESPACE =
      UUID.nameUUIDFromBytes("io.shiftproof.simulator/event".getBytes(StandardCharsets.UTF_8));

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private final long seed;
  private final MessageDigest sha256 = digest("SHA-256");
  private final MessageDigest sha1 = digest("SHA-1");

  SyntheticIds(long seed) {
    this.seed = seed;
  }

  /**
   * A 32-byte pseudonym in the wire form {@code wr_} + base64url. The hub's real pseudonyms are
   * VOPRF outputs; this has the same shape, which is all the ingest path can check.
   */
  String workerRef(int worker) {
    return "wr_" + BASE64URL.encodeToString(sha256("worker/" + seed + "/" + worker));
  }

  /** The platform's session id: {@code s-} and 24 hex digits (96 bits), well under 64 chars. */
  String sessionId(String platform, int worker, int day, int slot) {
    byte[] h = sha256("session/" + seed + "/" + platform + "/" + worker + "/" + day + "/" + slot);
    return "s-" + HEX.formatHex(h, 0, 12);
  }

  /** A platform-scoped order reference such as {@code order-9c1f0e7a52d4b8a1c3e5}. */
  String taskRef(PlatformKind kind, String platform, String sessionId, int task) {
    byte[] h = sha256("task/" + seed + "/" + platform + "/" + sessionId + "/" + task);
    return kind.taskPrefix + "-" + HEX.formatHex(h, 0, 10);
  }

  /** A name-based (version 5) UUID, unique per platform because session ids are. */
  String eventId(String platform, String sessionId, int sequence) {
    sha1.update(toBytes(EVENT_NAMESPACE));
    byte[] h =
        sha1.digest(
            (seed + "/" + platform + "/" + sessionId + "/" + sequence)
                .getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  private byte[] sha256(String name) {
    return sha256.digest(name.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] toBytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java platform", e);
    }
  }
}
