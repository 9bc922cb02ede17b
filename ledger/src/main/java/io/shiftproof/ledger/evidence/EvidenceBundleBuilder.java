package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorJson;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.ledger.pki.HubSigningIdentity;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DayRecordJson;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a signed {@code shiftproof-evidence/4} bundle (docs/evidence-format.md §1) from records
 * already proven and anchored and the access-log entry of the request. Pure: nothing is looked up,
 * and the same inputs give the same bytes.
 *
 * <p>It refuses, rather than sign, a bundle that would not verify: a record of another worker, a
 * proof that does not lead to its anchor's root, an anchor its ledger entry does not record, a day
 * of the window without a record or wrongly attested to have none, or an incident instant no record
 * describes, or an access-log entry that is not this request's, or that the ledger committed before
 * the anchors the bundle cites.
 */
public final class EvidenceBundleBuilder {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final Signer hubSigner;
  private final String certificateChainPem;

  /**
   * @param hubSigner signs the bundle with the hub's signing key (never its TLS key)
   * @param certificateChainPem the hub's signing certificate (leaf first) and any intermediates, as
   *     PEM; the leaf's key must be {@code hubSigner}'s
   */
  public EvidenceBundleBuilder(Signer hubSigner, String certificateChainPem) {
    this.hubSigner = Objects.requireNonNull(hubSigner, "hubSigner");
    this.certificateChainPem = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
  }

  /**
   * The bundle as UTF-8 JSON.
   *
   * @param records the sealed record versions covering the window, with their inclusion proofs
   * @param anchors the anchors of the batches those proofs lead to
   * @param access the request as the ledger's access log committed it, logged after every anchor
   *     was committed; its time is the bundle's {@code generatedAt}
   * @param platformEvidence the worker's events in the window as their platforms signed them, with
   *     the batches those signatures cover
   * @throws EvidenceException {@code RECORD_MISSING} when a day of the window has no record or the
   *     incident instant is past the records; {@code INCONSISTENT_INPUT} when the inputs do not fit
   *     together
   */
  public byte[] build(
      EvidenceRequest request,
      List<ProvenRecord> records,
      List<LocalDate> daysWithoutRecords,
      List<AnchoredBatch> anchors,
      LoggedAccess access,
      PlatformEvidence platformEvidence) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(platformEvidence, "platformEvidence");
    Objects.requireNonNull(access, "access");
    Map<String, AnchoredBatch> anchorsById = anchorsById(anchors);
    List<Entry> entries = new ArrayList<>();
    for (ProvenRecord proven : records) {
      entries.add(check(request, proven, anchorsById));
    }
    entries.sort(
        Comparator.comparing((Entry e) -> e.record.getDay())
            .thenComparing(e -> e.record.getVersion()));
    List<DayRecord> decoded = entries.stream().map(Entry::record).toList();
    List<String> quietDays = daysWithoutRecords.stream().map(LocalDate::toString).sorted().toList();
    Optional<String> misattested =
        BundleJson.misattestedDay(
            decoded,
            quietDays,
            request.windowFrom(),
            request.windowTo(),
            request.incidentAt(),
            request.zone());
    if (misattested.isPresent()) {
      throw inconsistent(misattested.get());
    }
    List<String> uncovered =
        BundleJson.uncoveredDays(
            decoded, quietDays, request.windowFrom(), request.windowTo(), request.zone());
    if (!uncovered.isEmpty()) {
      throw new EvidenceException(
          EvidenceException.Code.RECORD_MISSING,
          "records: got none for day(s) "
              + uncovered
              + ", want one per day of the window; seal and anchor those days first");
    }
    CoverageEvaluation evaluation =
        CoverageRules.evaluate(decoded, request.incidentAt(), request.zone());
    if (evaluation instanceof CoverageEvaluation.RecordMissing missing) {
      throw new EvidenceException(
          EvidenceException.Code.RECORD_MISSING,
          missing.detail() + "; seal an interim version of day " + missing.day());
    }
    CoverageDecision decision = ((CoverageEvaluation.Decided) evaluation).decision();
    List<AnchoredBatch> sortedAnchors = new ArrayList<>(anchorsById.values());
    sortedAnchors.sort(
        Comparator.comparing((AnchoredBatch a) -> a.anchor().chain())
            .thenComparingLong(a -> a.anchor().sequence()));
    checkAccess(request, access, sortedAnchors);
    PlatformEvidence inWindow = inWindow(request, platformEvidence);
    checkPlatformEvidence(request, inWindow);
    Body body = new Body(request, entries, quietDays, sortedAnchors, decision, access, inWindow);
    byte[] signature =
        hubSigner.sign(
            SignatureContext.EVIDENCE_BUNDLE, CanonicalJson.canonicalize(write(body, null)));
    return write(body, signature);
  }

  /**
   * The events that occurred in the window by their own bytes. The store finds them by a time kept
   * to the microsecond, so an event a fraction of a microsecond past an end can come back with
   * them; it is left out rather than refused, or a platform could choose an incident time that
   * stops the claim's evidence from being built.
   */
  private static PlatformEvidence inWindow(EvidenceRequest request, PlatformEvidence evidence) {
    return new PlatformEvidence(
        evidence.events().stream()
            .filter(
                e -> PlatformEvidenceChecks.inWindow(e, request.windowFrom(), request.windowTo()))
            .toList());
  }

  /**
   * Refuses platform evidence that would not verify: an event outside its batch's root or not the
   * worker's. The events and batches come from the hub's tables; a batch taken without a valid
   * signature (warn mode) is carried as such, and the verifier says so.
   */
  private static void checkPlatformEvidence(EvidenceRequest request, PlatformEvidence evidence) {
    for (SignedEvent event : evidence.events()) {
      String which =
          "event "
              + event.proof().leafIndex()
              + " of "
              + event.batch().platform()
              + "/"
              + event.batch().batchId();
      Optional<String> problem =
          PlatformEvidenceChecks.inclusion(event)
              .or(
                  () ->
                      PlatformEvidenceChecks.content(
                          event,
                          Optional.empty(),
                          request.workerRef(),
                          request.windowFrom(),
                          request.windowTo()));
      if (problem.isPresent()) {
        throw inconsistent(which + ": " + problem.get());
      }
    }
  }

  private static Map<String, AnchoredBatch> anchorsById(List<AnchoredBatch> anchors) {
    Map<String, AnchoredBatch> byId = new LinkedHashMap<>();
    for (AnchoredBatch anchored : anchors) {
      if (byId.put(anchored.anchor().batchId(), anchored) != null) {
        throw inconsistent(
            "anchors: got batch " + anchored.anchor().batchId() + " twice, want once");
      }
      checkAttestation(anchored);
    }
    return byId;
  }

  /**
   * Refuses an anchor its attestation does not vouch for. The anchor comes from the hub's tables
   * and the attestation from the ledger; should the tables have been changed, the hub would
   * otherwise sign a bundle whose {@code anchors[..].attestation} check fails.
   */
  private static void checkAttestation(AnchoredBatch anchored) {
    Anchor anchor = anchored.anchor();
    String which = "anchor " + anchor.batchId();
    if (anchored.attestation().isEmpty()) {
      // A reader can look a Fabric transaction up; the PostgreSQL ledger only the hub can read.
      if (!anchored.ref().kind().equals(LedgerRef.FABRIC)) {
        throw inconsistent(
            which
                + " attestation: got none, want the signed entry of the "
                + anchored.ref().kind()
                + " ledger");
      }
      return;
    }
    Object payload;
    try {
      payload = JsonTree.parse(anchored.attestation().get().entry().payloadBytes());
    } catch (IllegalArgumentException e) {
      throw inconsistent(which + " attestation: entry.payload " + e.getMessage());
    }
    Optional<String> mismatch = BundleJson.payloadMismatch(anchor, payload);
    if (mismatch.isPresent()) {
      throw inconsistent(
          which
              + " attestation: "
              + mismatch.get()
              + " (got: the signed ledger entry, want: the anchor given)");
    }
  }

  /**
   * Refuses an access-log entry that is not this request's, or that the ledger committed before an
   * anchor the bundle cites: the bundle's time is the entry's, and it must come after everything
   * the bundle vouches for.
   */
  private static void checkAccess(
      EvidenceRequest request, LoggedAccess access, Iterable<AnchoredBatch> anchors) {
    String which = "access log " + access.ref().txId();
    if (access.attestation().isEmpty()) {
      if (!access.ref().kind().equals(LedgerRef.FABRIC)) {
        throw inconsistent(
            which
                + " attestation: got none, want the signed entry of the "
                + access.ref().kind()
                + " ledger");
      }
      return;
    }
    LedgerEntry entry = access.attestation().get().entry();
    Optional<String> mismatch = accessMismatch(request, access, entry);
    if (mismatch.isPresent()) {
      throw inconsistent(which + " attestation: " + mismatch.get());
    }
    for (AnchoredBatch anchored : anchors) {
      if (anchored.attestation().isEmpty()) {
        continue;
      }
      LedgerEntry anchorEntry = anchored.attestation().get().entry();
      // By sequence, not time: the job's and the gateway's clocks may disagree a little, while
      // the log's order is the one every writer agrees on.
      if (anchorEntry.sequence() >= entry.sequence()) {
        throw inconsistent(
            which
                + ": got entry "
                + entry.sequence()
                + " at "
                + entry.txTime()
                + ", want after the entry of anchor "
                + anchored.anchor().batchId()
                + " ("
                + anchorEntry.sequence()
                + " at "
                + anchorEntry.txTime()
                + "); log the request once its records are anchored");
      }
    }
  }

  private static Optional<String> accessMismatch(
      EvidenceRequest request, LoggedAccess access, LedgerEntry entry) {
    if (!entry.function().equals(BundleJson.ACCESS_FUNCTION)) {
      return Optional.of(
          "entry.function: got " + entry.function() + ", want " + BundleJson.ACCESS_FUNCTION);
    }
    if (!entry.txId().equals(access.ref().txId()) || entry.sequence() != access.ref().position()) {
      return Optional.of(
          "entry: got "
              + entry.txId()
              + " at "
              + entry.sequence()
              + ", want "
              + access.ref().txId()
              + " at "
              + access.ref().position());
    }
    if (!entry.txTime().equals(access.loggedAt())) {
      return Optional.of(
          "entry.txTime: got " + entry.txTime() + ", want " + access.loggedAt() + " (loggedAt)");
    }
    Object payload;
    try {
      payload = JsonTree.parse(entry.payloadBytes());
    } catch (IllegalArgumentException e) {
      return Optional.of("entry.payload " + e.getMessage());
    }
    return BundleJson.accessPayloadMismatch(
        access.access().accessRecord(request), entry.txId(), entry.txTime(), payload);
  }

  private static Entry check(
      EvidenceRequest request, ProvenRecord proven, Map<String, AnchoredBatch> anchors) {
    byte[] bytes = proven.canonicalRecord();
    DayRecord record;
    try {
      record = DayRecordCodec.decode(bytes);
    } catch (RuntimeException e) {
      throw new EvidenceException(
          EvidenceException.Code.INCONSISTENT_INPUT,
          "records: got bytes that do not decode as a day record (" + e.getMessage() + ")",
          e);
    }
    String which = "record " + record.getDay() + " v" + record.getVersion();
    if (!record.getWorkerRef().equals(request.workerRef())) {
      throw inconsistent(
          which + " workerRef: got " + record.getWorkerRef() + ", want " + request.workerRef());
    }
    // A provisional record here is an interim version: sealed and anchored on request before its
    // day settled, covering events up to its coveredUntil, which the coverage rules respect.
    AnchoredBatch anchored = anchors.get(proven.batchId());
    if (anchored == null) {
      throw inconsistent(
          which + " batchId: got " + proven.batchId() + ", want one of the anchors given");
    }
    Anchor anchor = anchored.anchor();
    Hash leafHash = TreeHasher.leafHash(bytes);
    InclusionProof proof = proven.proof();
    VerificationResult included =
        proof.treeSize() != anchor.treeSize()
            ? VerificationResult.failed(
                "treeSize: got " + proof.treeSize() + ", want " + anchor.treeSize())
            : MerkleVerifier.verifyInclusion(leafHash, proof, Hash.fromHex(anchor.rootHex()));
    if (!included.isVerified()) {
      throw inconsistent(which + " inclusion: " + included.failure().orElseThrow());
    }
    return new Entry(proven, record, leafHash);
  }

  private static EvidenceException inconsistent(String message) {
    return new EvidenceException(EvidenceException.Code.INCONSISTENT_INPUT, message);
  }

  /** Writes the bundle, with its signature last when {@code signature} is given. */
  private byte[] write(Body body, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      // Indented: the bundle is meant to be read by people as well as checked by programs.
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      writeBody(json, body);
      if (signature != null) {
        json.writeStringField("signature", BASE64.encodeToString(signature));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  private void writeBody(JsonGenerator json, Body body) throws IOException {
    ZoneId zone = body.request.zone();
    json.writeStringField("format", BundleJson.FORMAT);
    json.writeStringField("workerRef", body.request.workerRef());
    json.writeStringField("zone", zone.getId());
    json.writeStringField("incidentAt", Rfc3339.format(body.request.incidentAt(), zone));
    json.writeObjectFieldStart("window");
    json.writeStringField("from", Rfc3339.format(body.request.windowFrom(), zone));
    json.writeStringField("to", Rfc3339.format(body.request.windowTo(), zone));
    json.writeEndObject();
    json.writeObjectFieldStart("request");
    EvidenceAccess access = body.access.access();
    json.writeStringField("requester", access.requester());
    json.writeFieldName("claimId");
    if (access.claimId().isPresent()) {
      json.writeString(access.claimId().get());
    } else {
      json.writeNull();
    }
    json.writeObjectFieldStart("accessLog");
    AnchorJson.writeLedger(json, body.access.ref());
    json.writeFieldName("attestation");
    if (body.access.attestation().isPresent()) {
      writeAttestation(json, body.access.attestation().get());
    } else if (body.access.transaction().isPresent()) {
      writeTransaction(json, body.access.transaction().get());
    } else {
      json.writeNull();
    }
    json.writeEndObject();
    json.writeEndObject();
    // The ledger's time of the access-log entry, never the signer's clock.
    json.writeStringField("generatedAt", Rfc3339.format(body.access.loggedAt(), zone));
    json.writeArrayFieldStart("records");
    for (Entry entry : body.entries) {
      writeRecord(json, entry);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("daysWithoutRecords");
    for (String day : body.daysWithoutRecords) {
      json.writeString(day);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("anchors");
    for (AnchoredBatch anchored : body.anchors) {
      writeAnchor(json, anchored, zone);
    }
    json.writeEndArray();
    PlatformEvidenceJson.write(json, body.platformEvidence, zone);
    json.writeFieldName("coverage");
    BundleJson.writeCoverage(json, body.decision);
    json.writeObjectFieldStart("hub");
    json.writeStringField("certificateChain", certificateChainPem);
    json.writeStringField("signingRole", HubSigningIdentity.ROLE);
    json.writeStringField("signatureAlgorithm", Signer.ALGORITHM);
    json.writeStringField("signatureContext", SignatureContext.EVIDENCE_BUNDLE.context());
    json.writeEndObject();
  }

  private static void writeRecord(JsonGenerator json, Entry entry) throws IOException {
    InclusionProof proof = entry.proven.proof();
    json.writeStartObject();
    json.writeStringField("day", entry.record.getDay());
    json.writeNumberField("version", entry.record.getVersion());
    json.writeStringField("batchId", entry.proven.batchId());
    json.writeNumberField("leafIndex", proof.leafIndex());
    json.writeNumberField("treeSize", proof.treeSize());
    json.writeStringField("leafHash", entry.leafHash.toHex());
    json.writeArrayFieldStart("inclusionPath");
    for (Hash node : proof.path()) {
      json.writeString(node.toHex());
    }
    json.writeEndArray();
    json.writeStringField("recordBase64", BASE64.encodeToString(entry.proven.canonicalRecord()));
    json.writeObjectFieldStart("record");
    DayRecordJson.writeFields(json, entry.record);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeAnchor(JsonGenerator json, AnchoredBatch anchored, ZoneId zone)
      throws IOException {
    json.writeStartObject();
    AnchorJson.writeFields(
        json,
        anchored.anchor(),
        new AnchorJson.EvidenceBundle(anchored.ref(), t -> Rfc3339.format(t, zone)));
    json.writeFieldName("attestation");
    if (anchored.attestation().isPresent()) {
      writeAttestation(json, anchored.attestation().get());
    } else if (anchored.transaction().isPresent()) {
      writeTransaction(json, anchored.transaction().get());
    } else {
      json.writeNull();
    }
    json.writeEndObject();
  }

  private static void writeAttestation(JsonGenerator json, AnchorAttestation signed)
      throws IOException {
    LedgerEntry entry = signed.entry();
    json.writeStartObject();
    json.writeStringField("type", BundleJson.ATTESTATION_TYPE);
    json.writeObjectFieldStart("entry");
    json.writeNumberField("sequence", entry.sequence());
    json.writeStringField("txId", entry.txId());
    json.writeNumberField("txTimeMicros", RecordedEventCodec.epochMicros(entry.txTime()));
    json.writeStringField("function", entry.function());
    json.writeStringField("invoker", entry.invoker());
    json.writeFieldName("payload");
    // Copied as a JSON object, not a string, so a reader sees the anchor the hub signed.
    try (JsonParser payload = FACTORY.createParser(entry.payloadBytes())) {
      payload.nextToken();
      json.copyCurrentStructure(payload);
    }
    json.writeStringField("previousHash", entry.previousHash().toHex());
    json.writeEndObject();
    json.writeStringField("signature", BASE64.encodeToString(signed.signature()));
    json.writeEndObject();
  }

  /** A ledger's endorsed transaction, as its own bytes: the reader checks the endorsements. */
  private static void writeTransaction(JsonGenerator json, LedgerTransaction transaction)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("type", transaction.type());
    json.writeStringField("transaction", BASE64.encodeToString(transaction.bytes()));
    json.writeEndObject();
  }

  private record Entry(ProvenRecord proven, DayRecord record, Hash leafHash) {}

  private record Body(
      EvidenceRequest request,
      List<Entry> entries,
      List<String> daysWithoutRecords,
      List<AnchoredBatch> anchors,
      CoverageDecision decision,
      LoggedAccess access,
      PlatformEvidence platformEvidence) {}
}
