package io.shiftproof.ledger.crypto;

import io.shiftproof.schemas.wire.BatchSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The kinds of message the hub's keys sign, each with the context string its signed bytes start
 * with: {@code context || 0x00 || bytes} (docs/design.md §8.3). One key signs several kinds, so
 * without the context a signature of one kind (a ledger entry) could be presented as another (an
 * evidence bundle) whenever the two byte forms happened to meet; with it, no signature of one kind
 * verifies as any other.
 *
 * <p>Every signed kind is listed here and nowhere else: a new kind gets a new constant, never a
 * context string of its own elsewhere. The strings are ASCII without a 0x00 byte, so the separator
 * ends the context unambiguously, and none is a prefix of another.
 */
public enum SignatureContext {
  /** An entry of the hub's hash-chained ledger log, over {@code LedgerEntry.signedBytes()}. */
  LEDGER_ENTRY("shiftproof/ledger-entry/v1"),
  /** An evidence bundle, over its canonical JSON without the {@code signature} member. */
  EVIDENCE_BUNDLE("shiftproof/evidence-bundle/v2"),
  /** An insurer's decision on a claim, over the canonical decision (docs/design.md §7.2). */
  CLAIM_DECISION("shiftproof/claim-decision/v1"),
  /**
   * A platform's batch of work-session events, over {@code SHA-256(body) || eventsRoot} of the
   * batch as sent (docs/design.md §8.2); the wire format's {@link BatchSignature} signs it for
   * platforms.
   */
  PLATFORM_BATCH(BatchSignature.CONTEXT),
  /** The published head of the hub's ledger log: its sequence and entry hash (§8.4). */
  LEDGER_HEAD("shiftproof/ledger-head/v1");

  private static final byte SEPARATOR = 0x00;

  private final String context;

  SignatureContext(String context) {
    this.context = context;
  }

  /** The context string, as the format documents name it. */
  public String context() {
    return context;
  }

  /**
   * SHA-256 of {@link #frame}{@code (bytes)}, hashed in place: the ECDSA digest of a signature of
   * this kind, without copying a large message (a platform batch) into a framed array first.
   */
  byte[] digest(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    MessageDigest sha256 = P256.newSha256();
    sha256.update(context.getBytes(StandardCharsets.US_ASCII));
    sha256.update(SEPARATOR);
    sha256.update(bytes);
    return sha256.digest();
  }

  /** The bytes a signature of this kind covers: {@code context || 0x00 || bytes}. */
  public byte[] frame(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    byte[] prefix = context.getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[prefix.length + 1 + bytes.length];
    System.arraycopy(prefix, 0, framed, 0, prefix.length);
    framed[prefix.length] = SEPARATOR;
    System.arraycopy(bytes, 0, framed, prefix.length + 1, bytes.length);
    return framed;
  }
}
