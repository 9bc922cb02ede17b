package io.shiftproof.ledger.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one writer of an anchor's JSON, in each {@link Form} it is published in. All forms start with
 * {@code batchId, chain, sequence, previousBatchId}; then
 *
 * <ul>
 *   <li>{@link SignedPayload}: {@code root, treeSize, fromMicros, toMicros, txId,
 *       anchoredAtMicros};
 *   <li>{@link EvidenceBundle}: {@code root, treeSize, fromMicros, toMicros, txId}, {@code
 *       anchoredAt} as text, and the {@code ledger} block;
 *   <li>{@link QueryAnswer}: {@code from, to, anchoredAt} as text and the {@code ledger} block;
 *       root and tree size are in the answer's proof around it, the transaction in {@code
 *       ledger.txId}.
 * </ul>
 *
 * <p>This package depends on nothing else of the project, as the chaincode shares it, so what only
 * the hub knows, the reader's zone and where the anchoring transaction was committed, comes in with
 * the form: a function writing an instant as text and a {@link LedgerBlock}.
 */
public final class AnchorJson {
  /** The anchor as the contract stores and emits it and as its ledger entry is signed. */
  public static final Form SIGNED_PAYLOAD = new SignedPayload();

  private AnchorJson() {}

  /** A published form of an anchor. */
  public sealed interface Form permits SignedPayload, EvidenceBundle, QueryAnswer {}

  /**
   * The contract's state value and event payload, and the payload a ledger entry signs: times as
   * epoch microseconds, no ledger block. Signed, so it never changes.
   */
  public record SignedPayload() implements Form {}

  /**
   * An entry of an evidence bundle's {@code anchors}, which the offline verifier reads: the signed
   * payload's fields with {@code anchoredAt} as text, then the ledger block. The bundle adds {@code
   * attestation} after them.
   *
   * @param instantText an instant as RFC 3339 text in the bundle's zone
   */
  public record EvidenceBundle(LedgerBlock ledger, Function<Instant, String> instantText)
      implements Form {
    public EvidenceBundle {
      Objects.requireNonNull(ledger, "ledger");
      Objects.requireNonNull(instantText, "instantText");
    }
  }

  /**
   * The {@code proof.anchor} of a query answer, as the README documents it: every time as text,
   * then the ledger block.
   *
   * @param instantText an instant as RFC 3339 text in the answer's zone
   */
  public record QueryAnswer(LedgerBlock ledger, Function<Instant, String> instantText)
      implements Form {
    public QueryAnswer {
      Objects.requireNonNull(ledger, "ledger");
      Objects.requireNonNull(instantText, "instantText");
    }
  }

  /** The {@code ledger} block: where the anchoring transaction was committed. */
  public interface LedgerBlock {
    String kind();

    String channel();

    String contract();

    String txId();

    long position();
  }

  /** Writes the anchor's fields in {@code form} into the object {@code json} has open. */
  public static void writeFields(JsonGenerator json, Anchor anchor, Form form) throws IOException {
    json.writeStringField("batchId", anchor.batchId());
    json.writeStringField("chain", anchor.chain());
    json.writeNumberField("sequence", anchor.sequence());
    if (anchor.previousBatchId().isPresent()) {
      json.writeStringField("previousBatchId", anchor.previousBatchId().get());
    } else {
      json.writeNullField("previousBatchId");
    }
    if (form instanceof QueryAnswer answer) {
      Function<Instant, String> text = answer.instantText();
      json.writeStringField("from", text.apply(ContractJson.instant(anchor.fromMicros())));
      json.writeStringField("to", text.apply(ContractJson.instant(anchor.toMicros())));
      json.writeStringField("anchoredAt", text.apply(anchor.anchoredAt()));
      writeLedger(json, answer.ledger());
      return;
    }
    json.writeStringField("root", anchor.rootHex());
    json.writeNumberField("treeSize", anchor.treeSize());
    json.writeNumberField("fromMicros", anchor.fromMicros());
    json.writeNumberField("toMicros", anchor.toMicros());
    json.writeStringField("txId", anchor.txId());
    if (form instanceof EvidenceBundle bundle) {
      json.writeStringField("anchoredAt", bundle.instantText().apply(anchor.anchoredAt()));
      writeLedger(json, bundle.ledger());
    } else {
      json.writeNumberField("anchoredAtMicros", ContractJson.micros(anchor.anchoredAt()));
    }
  }

  /**
   * Writes the {@code ledger} block as a member: anchors carry it, and so does the access-log
   * reference of an evidence bundle.
   */
  public static void writeLedger(JsonGenerator json, LedgerBlock ledger) throws IOException {
    json.writeObjectFieldStart("ledger");
    json.writeStringField("kind", ledger.kind());
    json.writeStringField("channel", ledger.channel());
    json.writeStringField("contract", ledger.contract());
    json.writeStringField("txId", ledger.txId());
    json.writeNumberField("position", ledger.position());
    json.writeEndObject();
  }
}
