package io.shiftproof.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * One committed transaction of a hub-signed, hash-chained ledger log (the PostgreSQL ledger's).
 * Entries form a hash chain: each names the hash of the one before it, and the hub signs {@link
 * #signedBytes()}, so an entry cannot be changed, dropped or reordered without breaking the chain
 * or a signature. The format is shared with readers: an {@link AnchorAttestation} carries the entry
 * of an anchor, and a verifier rebuilds these signed bytes from it.
 *
 * @param sequence position in the log, from 1
 * @param txTime the transaction's timestamp, which the contract sees as its only clock
 * @param function the contract transaction, e.g. {@code AnchorBatch}
 * @param invoker the organisation that submitted it
 * @param payloadJson the transaction's result as JSON (for {@code AnchorBatch}: the anchor)
 * @param previousHash the hash of entry {@code sequence - 1}; all zeros for the first entry
 */
public record LedgerEntry(
    long sequence,
    String txId,
    Instant txTime,
    String function,
    String invoker,
    String payloadJson,
    Hash previousHash) {

  /** The previous hash of the first entry. */
  public static final Hash GENESIS = Hash.of(new byte[Hash.LENGTH]);

  private static final JsonFactory FACTORY = new JsonFactory();

  public LedgerEntry {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(txTime, "txTime");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(invoker, "invoker");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(previousHash, "previousHash");
  }

  /**
   * What the hub signs, under the context {@code shiftproof/ledger-entry/v1} ({@link
   * io.shiftproof.ledger.crypto.SignatureContext#LEDGER_ENTRY}), and what the entry hash covers
   * (without the context): the canonical JSON (RFC 8785) of {@code {function, invoker, payload,
   * previousHash, sequence, txId, txTime}}, the payload embedded as JSON and txTime as epoch
   * microseconds.
   */
  public byte[] signedBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + payloadJson.length());
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("function", function);
      json.writeStringField("invoker", invoker);
      json.writeFieldName("payload");
      json.writeRawValue(payloadJson);
      json.writeStringField("previousHash", previousHash.toHex());
      json.writeNumberField("sequence", sequence);
      json.writeStringField("txId", txId);
      json.writeNumberField("txTime", RecordedEventCodec.epochMicros(txTime));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return CanonicalJson.canonicalize(out.toByteArray());
  }

  /** SHA-256 of {@link #signedBytes()}: what the next entry names as its previous hash. */
  public Hash hash() {
    return hashOf(signedBytes());
  }

  /** The entry hash of {@link #signedBytes()} already built, so they need not be built twice. */
  public static Hash hashOf(byte[] signedBytes) {
    try {
      return Hash.of(MessageDigest.getInstance("SHA-256").digest(signedBytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "LedgerEntry[" + sequence + " " + function + " " + txId + "]";
  }

  /** The payload as UTF-8 bytes. */
  public byte[] payloadBytes() {
    return payloadJson.getBytes(StandardCharsets.UTF_8);
  }
}
