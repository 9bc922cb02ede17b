package io.shiftproof.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The newest entry of the hub-signed ledger log as the hub vouches for it: its sequence, its entry
 * hash and its transaction time, signed by the hub. Outsiders keep one now and then; since every
 * entry names the hash of the one before it, a later log that no longer holds an entry with this
 * sequence and hash has lost (a cut tail) or replaced (a rewritten tail) part of its history, which
 * the audit reports when given the kept head (docs/design.md §6.6).
 *
 * <p>The signed bytes are the RFC 8785 canonical JSON of {@code {hash, sequence, txTime}} (hash as
 * lower-case hex, txTime in epoch microseconds), signed in the {@link SignatureContext#LEDGER_HEAD}
 * context, so that a head signature can never be taken for the signature of another kind of
 * message.
 *
 * @param sequence the newest entry's sequence; 0 for an empty log
 * @param hash the newest entry's hash; {@link LedgerEntry#GENESIS} for an empty log
 * @param txTime the newest entry's transaction time; the epoch for an empty log
 * @param signature the hub's signature over {@link #signedBytes()}, DER-encoded
 */
public record SignedLedgerHead(long sequence, Hash hash, Instant txTime, byte[] signature) {
  /** The {@code format} member of the JSON form. */
  public static final String FORMAT = "shiftproof-ledger-head/1";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Set<String> MEMBERS =
      Set.of("format", "sequence", "hash", "txTime", "signature");

  public SignedLedgerHead {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(txTime, "txTime");
    Objects.requireNonNull(signature, "signature");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence: got " + sequence + ", want 0 or more");
    }
    txTime = txTime.truncatedTo(ChronoUnit.MICROS);
    signature = signature.clone();
  }

  /** Signs the head {@code (sequence, hash, txTime)} with the hub's key. */
  public static SignedLedgerHead sign(long sequence, Hash hash, Instant txTime, Signer hubKey) {
    Instant micros = txTime.truncatedTo(ChronoUnit.MICROS);
    return new SignedLedgerHead(
        sequence,
        hash,
        micros,
        hubKey.sign(SignatureContext.LEDGER_HEAD, signedBytes(sequence, hash, micros)));
  }

  /** What the hub signs: the context string, a zero byte, then the canonical JSON of the head. */
  public byte[] signedBytes() {
    return signedBytes(sequence, hash, txTime);
  }

  /** Whether the signature verifies with {@code hubKey}. */
  public boolean verifiedBy(Verifier hubKey) {
    return hubKey.verify(SignatureContext.LEDGER_HEAD, signedBytes(), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The JSON form outsiders keep: {@code {format, sequence, hash, txTime, signature}}, txTime in
   * epoch microseconds and the signature in base64.
   */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      json.writeNumberField("sequence", sequence);
      json.writeStringField("hash", hash.toHex());
      json.writeNumberField("txTime", RecordedEventCodec.epochMicros(txTime));
      json.writeStringField("signature", Base64.getEncoder().encodeToString(signature));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /**
   * Reads the JSON form back. Does not check the signature: see {@link #verifiedBy}.
   *
   * @throws IllegalArgumentException naming the member that is missing or malformed
   */
  public static SignedLedgerHead fromJson(byte[] json) {
    if (!(JsonTree.parse(json) instanceof Map<?, ?> node)) {
      throw new IllegalArgumentException("ledger head: got no JSON object, want one");
    }
    for (Object name : node.keySet()) {
      if (!MEMBERS.contains(name)) {
        throw new IllegalArgumentException("ledger head: unknown member " + name);
      }
    }
    String format = text(node, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format: got " + format + ", want " + FORMAT);
    }
    Hash hash;
    try {
      hash = Hash.fromHex(text(node, "hash"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "hash: got " + text(node, "hash") + ", want 64 hex digits", e);
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(text(node, "signature"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature: got no base64, want a DER signature", e);
    }
    long txTime = integer(node, "txTime");
    return new SignedLedgerHead(
        integer(node, "sequence"), hash, Instant.EPOCH.plus(txTime, ChronoUnit.MICROS), signature);
  }

  private static String text(Map<?, ?> node, String name) {
    if (!(node.get(name) instanceof String value)) {
      throw new IllegalArgumentException(name + ": got " + node.get(name) + ", want a string");
    }
    return value;
  }

  private static long integer(Map<?, ?> node, String name) {
    if (!(node.get(name) instanceof BigInteger value) || value.bitLength() > 63) {
      throw new IllegalArgumentException(name + ": got " + node.get(name) + ", want an integer");
    }
    return value.longValueExact();
  }

  private static byte[] signedBytes(long sequence, Hash hash, Instant txTime) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("hash", hash.toHex());
      json.writeNumberField("sequence", sequence);
      json.writeNumberField("txTime", RecordedEventCodec.epochMicros(txTime));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return CanonicalJson.canonicalize(out.toByteArray());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedLedgerHead h
        && sequence == h.sequence
        && hash.equals(h.hash)
        && txTime.equals(h.txTime)
        && java.util.Arrays.equals(signature, h.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, hash, txTime, java.util.Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "SignedLedgerHead[" + sequence + " " + hash.toHex() + "]";
  }
}
