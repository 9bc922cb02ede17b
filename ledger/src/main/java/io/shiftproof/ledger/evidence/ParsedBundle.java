package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.Rfc3339;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle whose members all have the right shape, read from its JSON tree. Nothing here says the
 * content is true; that is what the verifier's checks are for.
 */
record ParsedBundle(
    Map<?, ?> tree,
    String workerRef,
    ZoneId zone,
    Instant incidentAt,
    Instant windowFrom,
    Instant windowTo,
    String requester,
    Optional<String> claimId,
    LedgerRef accessLedger,
    Optional<Attestation> accessAttestation,
    Optional<byte[]> accessTransaction,
    Instant generatedAt,
    List<Record> records,
    List<String> daysWithoutRecords,
    List<AnchorEntry> anchors,
    List<PlatformEvidenceJson.ParsedEvent> events,
    List<PlatformEvidenceJson.ParsedBatch> platformBatches,
    String ruleSet,
    Object coverage,
    String certificateChainPem,
    String signingRole,
    byte[] signature) {

  /** One entry of {@code records}. */
  record Record(
      String path,
      String day,
      long version,
      String batchId,
      long leafIndex,
      long treeSize,
      String leafHash,
      List<Hash> inclusionPath,
      byte[] canonicalBytes,
      Object readable) {}

  /**
   * One entry of {@code anchors}: an {@code embedded-ledger-entry} attestation, or the bytes of a
   * {@code fabric-processed-transaction} one, or neither.
   */
  record AnchorEntry(
      Anchor anchor,
      LedgerRef ledger,
      Optional<Attestation> attestation,
      Optional<byte[]> transaction) {}

  /**
   * An {@code embedded-ledger-entry} attestation, with the entry's raw fields: an anchor's, or the
   * access log's entry of the request.
   */
  record Attestation(
      String type,
      long sequence,
      String txId,
      long txTimeMicros,
      String function,
      String invoker,
      BundleNode payload,
      String previousHash,
      byte[] signature) {}

  /**
   * Reads the bundle's members.
   *
   * @throws MalformedBundleException naming the first member that is missing or of the wrong shape
   */
  static ParsedBundle read(Object json) {
    BundleNode root = BundleNode.root(json);
    Map<?, ?> tree = root.object();
    String format = root.member("format").string();
    if (!format.equals(BundleJson.FORMAT)) {
      throw new MalformedBundleException(
          "format: got \"" + format + "\", want \"" + BundleJson.FORMAT + "\"");
    }
    BundleNode window = root.member("window");
    List<Record> records = new ArrayList<>();
    for (BundleNode item : root.member("records").items()) {
      records.add(record(item));
    }
    List<String> daysWithoutRecords = new ArrayList<>();
    for (BundleNode item : root.member("daysWithoutRecords").items()) {
      daysWithoutRecords.add(item.string());
    }
    List<AnchorEntry> anchors = new ArrayList<>();
    for (BundleNode item : root.member("anchors").items()) {
      anchors.add(anchor(item));
    }
    List<PlatformEvidenceJson.ParsedEvent> events =
        PlatformEvidenceJson.events(root.member("events"));
    List<PlatformEvidenceJson.ParsedBatch> platformBatches =
        PlatformEvidenceJson.batches(root.member("platformBatches"));
    BundleNode coverage = root.member("coverage");
    BundleNode hub = root.member("hub");
    String algorithm = hub.member("signatureAlgorithm").string();
    if (!algorithm.equals(Signer.ALGORITHM)) {
      throw new MalformedBundleException(
          "hub.signatureAlgorithm: got \"" + algorithm + "\", want \"" + Signer.ALGORITHM + "\"");
    }
    String context = hub.member("signatureContext").string();
    if (!context.equals(SignatureContext.EVIDENCE_BUNDLE.context())) {
      throw new MalformedBundleException(
          "hub.signatureContext: got \""
              + context
              + "\", want \""
              + SignatureContext.EVIDENCE_BUNDLE.context()
              + "\"");
    }
    BundleNode request = root.member("request");
    BundleNode claimId = request.member("claimId");
    BundleNode accessLog = request.member("accessLog");
    BundleNode accessAttestation = accessLog.member("attestation");
    return new ParsedBundle(
        tree,
        root.member("workerRef").string(),
        zone(root.member("zone")),
        instant(root.member("incidentAt")),
        instant(window.member("from")),
        instant(window.member("to")),
        request.member("requester").string(),
        claimId.isNull() ? Optional.empty() : Optional.of(claimId.string()),
        ledgerRef(accessLog.member("ledger")),
        entryAttestation(accessAttestation),
        transaction(accessAttestation),
        instant(root.member("generatedAt")),
        List.copyOf(records),
        List.copyOf(daysWithoutRecords),
        List.copyOf(anchors),
        events,
        platformBatches,
        coverage.member("ruleSet").string(),
        coverage.value(),
        hub.member("certificateChain").string(),
        hub.member("signingRole").string(),
        base64(root.member("signature")));
  }

  private static Record record(BundleNode node) {
    List<Hash> path = new ArrayList<>();
    for (BundleNode hex : node.member("inclusionPath").items()) {
      path.add(hash(hex));
    }
    BundleNode readable = node.member("record");
    readable.object();
    return new Record(
        node.path(),
        node.member("day").string(),
        node.member("version").integer(),
        node.member("batchId").string(),
        node.member("leafIndex").integer(),
        node.member("treeSize").integer(),
        node.member("leafHash").string(),
        List.copyOf(path),
        base64(node.member("recordBase64")),
        readable.value());
  }

  private static AnchorEntry anchor(BundleNode node) {
    BundleNode previous = node.member("previousBatchId");
    Anchor anchor =
        new Anchor(
            node.member("batchId").string(),
            node.member("chain").string(),
            node.member("sequence").integer(),
            previous.isNull() ? Optional.empty() : Optional.of(previous.string()),
            hash(node.member("root")).toHex(),
            node.member("treeSize").integer(),
            node.member("fromMicros").integer(),
            node.member("toMicros").integer(),
            node.member("txId").string(),
            instant(node.member("anchoredAt")));
    LedgerRef ref = ledgerRef(node.member("ledger"));
    BundleNode attestation = node.member("attestation");
    return new AnchorEntry(anchor, ref, entryAttestation(attestation), transaction(attestation));
  }

  private static boolean isTransaction(BundleNode node) {
    return !node.isNull()
        && node.member("type").string().equals(BundleJson.FABRIC_TRANSACTION_TYPE);
  }

  private static Optional<Attestation> entryAttestation(BundleNode node) {
    return node.isNull() || isTransaction(node) ? Optional.empty() : Optional.of(attestation(node));
  }

  private static Optional<byte[]> transaction(BundleNode node) {
    return isTransaction(node) ? Optional.of(base64(node.member("transaction"))) : Optional.empty();
  }

  private static LedgerRef ledgerRef(BundleNode ledger) {
    return new LedgerRef(
        ledger.member("kind").string(),
        ledger.member("channel").string(),
        ledger.member("contract").string(),
        ledger.member("txId").string(),
        ledger.member("position").integer());
  }

  private static Attestation attestation(BundleNode node) {
    BundleNode entry = node.member("entry");
    BundleNode payload = entry.member("payload");
    payload.object();
    return new Attestation(
        node.member("type").string(),
        entry.member("sequence").integer(),
        entry.member("txId").string(),
        entry.member("txTimeMicros").integer(),
        entry.member("function").string(),
        entry.member("invoker").string(),
        payload,
        entry.member("previousHash").string(),
        base64(node.member("signature")));
  }

  static Instant instant(BundleNode node) {
    Instant at = Rfc3339.parseOrNull(node.string());
    if (at == null) {
      throw new MalformedBundleException(
          node.path() + ": got \"" + node.string() + "\", want an RFC 3339 date-time");
    }
    return at;
  }

  private static ZoneId zone(BundleNode node) {
    try {
      return ZoneId.of(node.string());
    } catch (DateTimeException e) {
      throw new MalformedBundleException(
          node.path() + ": got \"" + node.string() + "\", want an IANA zone id");
    }
  }

  static Hash hash(BundleNode node) {
    try {
      return Hash.fromHex(node.string());
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(
          node.path() + ": got \"" + node.string() + "\", want 64 hex digits");
    }
  }

  static byte[] base64(BundleNode node) {
    try {
      return Base64.getDecoder().decode(node.string());
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(node.path() + ": got text that is not base64");
    }
  }
}
