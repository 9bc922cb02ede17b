package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.endorsement.EndorsementTrust;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.ledger.pki.HubSigningIdentity;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DayRecordJson;
import io.shiftproof.schemas.wire.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a {@code shiftproof-evidence/4} bundle offline: no hub, no ledger, no network. Every hash,
 * proof and signature is recomputed from what the bundle carries, and the coverage decision is
 * re-evaluated from its records.
 *
 * <p>Checks run in this order, so that a change to one part of a bundle is named by that part
 * rather than by the overall signature: {@code format}, {@code hub.certificate}, per record {@code
 * records[i].decodes}, {@code .leafHash}, {@code .worker}, per anchor {@code
 * anchors[<batchId>].attestation}, {@code request.accessLog}, per record {@code
 * records[i].inclusion}, per platform batch {@code
 * platformBatches[<platform>/<batchId>].signature}, per event {@code events[i].inclusion} and
 * {@code events[i].event}, then {@code window.covered}, {@code coverage.outcome} and {@code
 * signature}. The certificate comes before the anchors (not last) because the attestations are
 * checked with its key: a certificate that is not the hub's signing certificate, or is from the
 * wrong CA, should be named as such, not as a bad attestation.
 *
 * <p>Only the hub's signing certificate vouches for anything (docs/design.md §8.3): a certificate
 * without the {@code hub-signer} role and key usage, however validly issued by the CA (a
 * platform's, an insurer's, the hub's TLS certificate), fails {@code hub.certificate}, and its key
 * is not used to check any signature. Every signature is checked under its own {@link
 * SignatureContext}, so a signature made for a ledger entry never passes as a bundle's, nor the
 * other way round.
 *
 * <p>A bundle whose shape is wrong stops at {@code format}. A record that does not decode skips the
 * checks that read records ({@code window.covered}, {@code coverage.outcome}), which would only
 * repeat its failure.
 */
public final class EvidenceVerifier {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String NO_HUB_KEY =
      "signature: cannot be checked, the bundle carries no usable hub signing certificate";

  private EvidenceVerifier() {}

  /**
   * Checks {@code bundleJson}.
   *
   * @param trustedCa the CA the hub's certificate must chain to; without one the certificate is
   *     only read, and the report says it was not checked
   */
  public static VerificationReport verify(byte[] bundleJson, Optional<X509Certificate> trustedCa) {
    return verify(bundleJson, trustedCa, Optional.empty());
  }

  /**
   * Checks {@code bundleJson}, and with a CRL of the trusted CA also that the hub's signing
   * certificate is not revoked.
   *
   * @param trustedCa the CA the hub's certificate must chain to
   * @param revocations a CRL the CA signed; a signing certificate on it fails {@code
   *     hub.certificate}, whatever the revocation date, since a key revoked as compromised may have
   *     signed bundles dated before its revocation
   * @throws IllegalArgumentException when a CRL is given without a CA
   */
  public static VerificationReport verify(
      byte[] bundleJson, Optional<X509Certificate> trustedCa, Optional<X509CRL> revocations) {
    return verify(bundleJson, trustedCa, revocations, Optional.empty());
  }

  /**
   * Checks {@code bundleJson}, and the endorsements of the Fabric transactions it carries against
   * the organisations' MSP roots the reader trusts.
   *
   * @param endorsementTrust the channel's MSP roots and the hub's MSP ID; without them the
   *     endorsement signatures are checked with the endorsers' own certificates and the report says
   *     the roots and the policy were not checked
   */
  public static VerificationReport verify(
      byte[] bundleJson,
      Optional<X509Certificate> trustedCa,
      Optional<X509CRL> revocations,
      Optional<EndorsementTrust> endorsementTrust) {
    Objects.requireNonNull(bundleJson, "bundleJson");
    Objects.requireNonNull(endorsementTrust, "endorsementTrust");
    Objects.requireNonNull(trustedCa, "trustedCa");
    Objects.requireNonNull(revocations, "revocations");
    if (revocations.isPresent() && trustedCa.isEmpty()) {
      throw new IllegalArgumentException("revocations: a CRL needs the CA that signed it");
    }
    Object tree;
    try {
      tree = JsonTree.parse(bundleJson);
    } catch (IllegalArgumentException e) {
      return new VerificationReport(
          List.of(new VerificationReport.Check("format", false, e.getMessage())), false);
    }
    List<VerificationReport.Check> checks = new ArrayList<>();
    ParsedBundle bundle;
    try {
      bundle = ParsedBundle.read(tree);
    } catch (MalformedBundleException | IllegalArgumentException e) {
      checks.add(new VerificationReport.Check("format", false, e.getMessage()));
      return new VerificationReport(checks, true);
    }
    checks.add(
        pass(
            "format",
            BundleJson.FORMAT
                + ", "
                + bundle.records().size()
                + " record(s), "
                + bundle.anchors().size()
                + " anchor(s)"));
    new Run(bundle, trustedCa, revocations, endorsementTrust, checks::add).run();
    return new VerificationReport(checks, true);
  }

  private static VerificationReport.Check pass(String name, String detail) {
    return new VerificationReport.Check(name, true, detail);
  }

  private static VerificationReport.Check fail(String name, String detail) {
    return new VerificationReport.Check(name, false, detail);
  }

  /** The content checks of one bundle, sharing what earlier checks learned. */
  private static final class Run {
    private final ParsedBundle bundle;
    private final Optional<X509Certificate> trustedCa;
    private final Optional<X509CRL> revocations;
    private final Optional<EndorsementTrust> endorsementTrust;
    private final Consumer<VerificationReport.Check> out;
    private Optional<Verifier> hubKey = Optional.empty();
    private Optional<X509Certificate> hubCertificate = Optional.empty();
    private final Map<Integer, DayRecord> decoded = new LinkedHashMap<>();

    /** Each record's leaf hash, computed once from its bytes and used by the inclusion check. */
    private final Map<Integer, Hash> leafHashes = new LinkedHashMap<>();

    private final Map<String, Anchor> anchors = new LinkedHashMap<>();

    Run(
        ParsedBundle bundle,
        Optional<X509Certificate> trustedCa,
        Optional<X509CRL> revocations,
        Optional<EndorsementTrust> endorsementTrust,
        Consumer<VerificationReport.Check> out) {
      this.bundle = bundle;
      this.trustedCa = trustedCa;
      this.revocations = revocations;
      this.endorsementTrust = endorsementTrust;
      this.out = out;
    }

    void run() {
      out.accept(certificate());
      List<ParsedBundle.Record> records = bundle.records();
      for (int i = 0; i < records.size(); i++) {
        checkRecord(i, records.get(i));
      }
      for (ParsedBundle.AnchorEntry entry : bundle.anchors()) {
        anchors.putIfAbsent(entry.anchor().batchId(), entry.anchor());
        String name = "anchors[" + entry.anchor().batchId() + "].attestation";
        if (entry.transaction().isPresent()) {
          endorsed(name, entry);
        } else {
          guarded(name, () -> attestation(entry));
        }
      }
      if (bundle.accessTransaction().isPresent()) {
        endorsedAccess();
      } else {
        guarded("request.accessLog", this::accessLog);
      }
      for (int i = 0; i < records.size(); i++) {
        ParsedBundle.Record record = records.get(i);
        Hash leafHash = leafHashes.get(i);
        guarded(record.path() + ".inclusion", () -> inclusion(record, leafHash));
      }
      platformEvidence();
      if (decoded.size() == records.size()) {
        guarded("window.covered", this::window);
        guarded("coverage.outcome", this::coverage);
      }
      guarded("signature", this::signature);
    }

    /**
     * Runs a check, turning an exception into its failure: the bundle comes from outside, and a
     * value no check foresaw must still be reported under the check's name.
     */
    private void guarded(String name, Supplier<VerificationReport.Check> check) {
      try {
        out.accept(check.get());
      } catch (RuntimeException e) {
        out.accept(fail(name, "cannot be checked: " + e.getMessage()));
      }
    }

    private VerificationReport.Check certificate() {
      String name = "hub.certificate";
      List<X509Certificate> chain;
      try {
        chain = HubCertificates.parse(bundle.certificateChainPem());
      } catch (RuntimeException e) {
        return fail(name, e.getMessage());
      }
      X509Certificate leaf = chain.get(0);
      String subject = leaf.getSubjectX500Principal().getName();
      if (!bundle.signingRole().equals(HubSigningIdentity.ROLE)) {
        return fail(
            name,
            "hub.signingRole: got "
                + bundle.signingRole()
                + ", want "
                + HubSigningIdentity.ROLE
                + " (the hub's signing certificate)");
      }
      // Without the signing identity the key vouches for nothing: it is never used for a check.
      Optional<String> notSigner = HubSigningIdentity.problem(leaf);
      if (notSigner.isPresent()) {
        return fail(name, "not the hub's signing certificate: " + notSigner.get());
      }
      try {
        hubKey = Optional.of(EcdsaP256Verifier.fromCertificate(leaf));
        hubCertificate = Optional.of(leaf);
      } catch (RuntimeException e) {
        return fail(name, e.getMessage());
      }
      if (trustedCa.isEmpty()) {
        return pass(
            name,
            subject
                + ", role "
                + HubSigningIdentity.ROLE
                + "; not checked against a CA (pass --ca)");
      }
      // Judged at generatedAt, which request.accessLog ties to the ledger's time of the request.
      Optional<String> failure =
          HubCertificates.validate(chain, trustedCa.get(), bundle.generatedAt())
              .or(
                  () ->
                      revocations.flatMap(
                          crl -> HubCertificates.revoked(leaf, crl, trustedCa.get())));
      return failure
          .map(f -> fail(name, f))
          .orElseGet(
              () ->
                  pass(
                      name,
                      subject
                          + ", role "
                          + HubSigningIdentity.ROLE
                          + ", valid at "
                          + Rfc3339.format(bundle.generatedAt(), bundle.zone())
                          + ", verifies to "
                          + trustedCa.get().getSubjectX500Principal().getName()
                          + revocations
                              .map(
                                  crl ->
                                      ", not revoked (CRL of "
                                          + crl.getThisUpdate().toInstant()
                                          + ")")
                              .orElse("")));
    }

    private void checkRecord(int index, ParsedBundle.Record record) {
      String prefix = "records[" + index + "].";
      byte[] bytes = record.canonicalBytes();
      DayRecord day;
      try {
        day = DayRecordCodec.decode(bytes);
      } catch (RuntimeException e) {
        out.accept(fail(prefix + "decodes", "recordBase64: " + e.getMessage()));
        out.accept(leafHash(index, prefix, record));
        return;
      }
      Optional<String> mismatch;
      try {
        mismatch = decodeMismatch(record, day, bytes);
      } catch (RuntimeException e) {
        mismatch = Optional.of("record: cannot be read (" + e.getMessage() + ")");
      }
      if (mismatch.isPresent()) {
        out.accept(fail(prefix + "decodes", mismatch.get()));
        out.accept(leafHash(index, prefix, record));
        return;
      }
      decoded.put(index, day);
      out.accept(
          pass(
              prefix + "decodes",
              "day "
                  + day.getDay()
                  + " version "
                  + day.getVersion()
                  + ", "
                  + bytes.length
                  + " canonical bytes"));
      out.accept(leafHash(index, prefix, record));
      out.accept(
          day.getWorkerRef().equals(bundle.workerRef())
              ? pass(prefix + "worker", day.getWorkerRef())
              : fail(
                  prefix + "worker",
                  "workerRef: got " + day.getWorkerRef() + ", want " + bundle.workerRef()));
    }

    /** Why the decoded record is not the one the entry describes, if it is not. */
    private static Optional<String> decodeMismatch(
        ParsedBundle.Record record, DayRecord day, byte[] bytes) {
      // Re-encoding must give the same bytes: any other encoding (another schema, trailing
      // bytes) would hash differently from the sealed version.
      if (!Arrays.equals(DayRecordCodec.encode(day), bytes)) {
        return Optional.of(
            "recordBase64: got bytes that are not the canonical encoding under the current schema");
      }
      if (!day.getDay().equals(record.day())) {
        return Optional.of("day: got " + record.day() + ", want " + day.getDay() + " (decoded)");
      }
      if (day.getVersion() != record.version()) {
        return Optional.of(
            "version: got " + record.version() + ", want " + day.getVersion() + " (decoded)");
      }
      Object want = JsonTree.parse(DayRecordJson.toJson(day).getBytes(StandardCharsets.UTF_8));
      Optional<String> difference = JsonDifference.first("record", record.readable(), want);
      if (difference.isPresent()) {
        return Optional.of(difference.get() + " (decoded from recordBase64)");
      }
      return Optional.empty();
    }

    private VerificationReport.Check leafHash(
        int index, String prefix, ParsedBundle.Record record) {
      Hash leafHash = TreeHasher.leafHash(record.canonicalBytes());
      leafHashes.put(index, leafHash);
      String computed = leafHash.toHex();
      return computed.equals(record.leafHash())
          ? pass(prefix + "leafHash", computed)
          : fail(prefix + "leafHash", "leafHash: got " + record.leafHash() + ", want " + computed);
    }

    /**
     * A Fabric anchor: the endorsed {@code AnchorBatch} transaction the bundle carries wrote
     * exactly this anchor, and the organisations the policy needs endorsed it.
     */
    private void endorsed(String name, ParsedBundle.AnchorEntry entry) {
      Anchor anchor = entry.anchor();
      if (!entry.ledger().txId().equals(anchor.txId())) {
        out.accept(
            fail(name, "ledger.txId: got " + entry.ledger().txId() + ", want " + anchor.txId()));
        return;
      }
      try {
        EndorsedChecks.run(
                name,
                BundleJson.FABRIC_TRANSACTION_TYPE,
                entry.transaction().get(),
                entry.ledger(),
                endorsementTrust,
                written -> BundleJson.payloadMismatch(anchor, written),
                "anchor " + anchor.batchId() + " with root " + anchor.rootHex())
            .forEach(out);
      } catch (RuntimeException e) {
        out.accept(fail(name, "cannot be checked: " + e.getMessage()));
      }
    }

    /**
     * A Fabric access-log entry: the endorsed {@code LogAccess} transaction wrote this request at
     * {@code generatedAt}. Its order after the anchors is the channel's: a transaction endorsed
     * before the anchors were committed could not have read them, and the hub logs the request only
     * once they are (the block numbers say so too, checked here).
     */
    private void endorsedAccess() {
      String name = "request.accessLog";
      LedgerRef ledger = bundle.accessLedger();
      for (ParsedBundle.AnchorEntry anchor : bundle.anchors()) {
        if (anchor.ledger().kind().equals(ledger.kind())
            && anchor.ledger().position() > ledger.position()) {
          out.accept(
              fail(
                  name,
                  "block "
                      + ledger.position()
                      + ": got before anchor "
                      + anchor.anchor().batchId()
                      + " (block "
                      + anchor.ledger().position()
                      + "), want after every anchor the bundle cites"));
          return;
        }
      }
      AccessRecord wanted =
          new EvidenceAccess(bundle.requester(), bundle.claimId()).accessRecord(request());
      try {
        EndorsedChecks.run(
                name,
                BundleJson.FABRIC_TRANSACTION_TYPE,
                bundle.accessTransaction().get(),
                ledger,
                endorsementTrust,
                written ->
                    BundleJson.accessPayloadMismatch(
                        wanted, ledger.txId(), bundle.generatedAt(), written),
                "the request of " + bundle.requester() + " at generatedAt")
            .forEach(out);
      } catch (RuntimeException e) {
        out.accept(fail(name, "cannot be checked: " + e.getMessage()));
      }
    }

    private VerificationReport.Check attestation(ParsedBundle.AnchorEntry entry) {
      Anchor anchor = entry.anchor();
      LedgerRef ledger = entry.ledger();
      String name = "anchors[" + anchor.batchId() + "].attestation";
      if (!ledger.txId().equals(anchor.txId())) {
        return fail(name, "ledger.txId: got " + ledger.txId() + ", want " + anchor.txId());
      }
      if (entry.attestation().isEmpty()) {
        // Only a Fabric channel can be consulted by a reader; the PostgreSQL ledger is the hub's
        // own database, so without the signed entry nothing vouches for the anchor.
        if (!ledger.kind().equals(LedgerRef.FABRIC)) {
          return fail(
              name,
              "attestation: got none, want the hub-signed ledger entry (the "
                  + ledger.kind()
                  + " ledger cannot be looked up from outside the hub)");
        }
        return pass(
            name,
            "none in the bundle; look up transaction "
                + anchor.txId()
                + " on the "
                + ledger.kind()
                + " ledger, channel "
                + ledger.channel()
                + ", contract "
                + ledger.contract()
                + ", position "
                + ledger.position());
      }
      ParsedBundle.Attestation attestation = entry.attestation().get();
      Optional<String> mismatch = attestationMismatch(anchor, ledger, attestation);
      if (mismatch.isPresent()) {
        return fail(name, mismatch.get());
      }
      if (hubKey.isEmpty()) {
        return fail(name, NO_HUB_KEY);
      }
      Optional<String> late = signedAfterExpiry(attestation);
      if (late.isPresent()) {
        return fail(name, late.get());
      }
      if (!signedByHub(attestation)) {
        return fail(
            name,
            "signature: does not verify with the hub's signing key as a ledger entry ("
                + SignatureContext.LEDGER_ENTRY.context()
                + ") over entry "
                + attestation.sequence());
      }
      return pass(
          name,
          "ledger entry "
              + attestation.sequence()
              + " ("
              + attestation.function()
              + ", "
              + attestation.txId()
              + ") signed by the hub");
    }

    /**
     * Why the entry could not have been signed while the signing certificate was valid, if so: an
     * entry whose ledger time is past the certificate's expiry was signed with an expired key. (An
     * entry from before the certificate's start may have been signed under an earlier certificate
     * of the same key, so only the end is checked.)
     */
    private Optional<String> signedAfterExpiry(ParsedBundle.Attestation attestation) {
      Instant signedAt = DayRecordCodec.instantOfMicros(attestation.txTimeMicros());
      Instant notAfter = hubCertificate.orElseThrow().getNotAfter().toInstant();
      if (signedAt.isAfter(notAfter)) {
        return Optional.of(
            "entry.txTime: got "
                + Rfc3339.format(signedAt, bundle.zone())
                + ", want at or before "
                + Rfc3339.format(notAfter, bundle.zone())
                + " (the signing certificate's expiry)");
      }
      return Optional.empty();
    }

    /** Whether the hub's signing key signed the entry as a ledger entry. */
    private boolean signedByHub(ParsedBundle.Attestation attestation) {
      LedgerEntry rebuilt =
          new LedgerEntry(
              attestation.sequence(),
              attestation.txId(),
              DayRecordCodec.instantOfMicros(attestation.txTimeMicros()),
              attestation.function(),
              attestation.invoker(),
              new String(JsonTree.toBytes(attestation.payload().value()), StandardCharsets.UTF_8),
              Hash.fromHex(attestation.previousHash()));
      return hubKey
          .get()
          .verify(SignatureContext.LEDGER_ENTRY, rebuilt.signedBytes(), attestation.signature());
    }

    /**
     * The request the bundle states is the one the ledger's access log committed, and the bundle's
     * time is that entry's: the entry is the hub-signed {@code LogAccess} of this requester,
     * worker, claim and incident, {@code generatedAt} is its transaction time, and it was committed
     * after every anchor the bundle cites. A bundle backdated by editing {@code generatedAt} fails
     * here; one signed with an expired key and the ledger's true time fails {@code
     * hub.certificate}.
     */
    private VerificationReport.Check accessLog() {
      String name = "request.accessLog";
      LedgerRef ledger = bundle.accessLedger();
      if (bundle.accessAttestation().isEmpty()) {
        if (!ledger.kind().equals(LedgerRef.FABRIC)) {
          return fail(
              name,
              "attestation: got none, want the hub-signed access-log entry (the "
                  + ledger.kind()
                  + " ledger cannot be looked up from outside the hub)");
        }
        return pass(
            name,
            "requested by "
                + bundle.requester()
                + "; look up transaction "
                + ledger.txId()
                + " on the "
                + ledger.kind()
                + " ledger, channel "
                + ledger.channel()
                + ", and check its time is generatedAt");
      }
      ParsedBundle.Attestation entry = bundle.accessAttestation().get();
      if (!entry.type().equals(BundleJson.ATTESTATION_TYPE)) {
        return fail(
            name,
            "attestation.type: got " + entry.type() + ", want " + BundleJson.ATTESTATION_TYPE);
      }
      if (!ledger.kind().equals(LedgerRef.EMBEDDED)) {
        return fail(name, "ledger.kind: got " + ledger.kind() + ", want " + LedgerRef.EMBEDDED);
      }
      if (!entry.txId().equals(ledger.txId()) || entry.sequence() != ledger.position()) {
        return fail(
            name,
            "entry: got "
                + entry.txId()
                + " at "
                + entry.sequence()
                + ", want "
                + ledger.txId()
                + " at "
                + ledger.position()
                + " (the ledger block)");
      }
      if (!entry.function().equals(BundleJson.ACCESS_FUNCTION)) {
        return fail(
            name,
            "entry.function: got " + entry.function() + ", want " + BundleJson.ACCESS_FUNCTION);
      }
      Instant loggedAt = DayRecordCodec.instantOfMicros(entry.txTimeMicros());
      if (!bundle.generatedAt().equals(loggedAt)) {
        return fail(
            name,
            "generatedAt: got "
                + Rfc3339.format(bundle.generatedAt(), bundle.zone())
                + ", want "
                + Rfc3339.format(loggedAt, bundle.zone())
                + " (the ledger's time of the access-log entry)");
      }
      EvidenceAccess access = new EvidenceAccess(bundle.requester(), bundle.claimId());
      Optional<String> mismatch =
          BundleJson.accessPayloadMismatch(
              access.accessRecord(request()), entry.txId(), loggedAt, entry.payload().value());
      if (mismatch.isPresent()) {
        return fail(name, mismatch.get() + " (got: the signed entry, want: the bundle's request)");
      }
      // Every anchor's entry counts, verified or not: the order is the bundle's own claim.
      for (ParsedBundle.AnchorEntry anchor : bundle.anchors()) {
        if (anchor.attestation().isEmpty()) {
          continue;
        }
        ParsedBundle.Attestation anchored = anchor.attestation().get();
        // The log's order, not the entries' times: the writers' clocks may disagree a little.
        if (anchored.sequence() >= entry.sequence()) {
          return fail(
              name,
              "entry "
                  + entry.sequence()
                  + " at "
                  + Rfc3339.format(loggedAt, bundle.zone())
                  + ": got before anchor "
                  + anchor.anchor().batchId()
                  + " (entry "
                  + anchored.sequence()
                  + " at "
                  + Rfc3339.format(
                      DayRecordCodec.instantOfMicros(anchored.txTimeMicros()), bundle.zone())
                  + "), want after every anchor the bundle cites");
        }
      }
      if (hubKey.isEmpty()) {
        return fail(name, NO_HUB_KEY);
      }
      Optional<String> late = signedAfterExpiry(entry);
      if (late.isPresent()) {
        return fail(name, late.get());
      }
      if (!signedByHub(entry)) {
        return fail(
            name,
            "signature: does not verify with the hub's signing key as a ledger entry over entry "
                + entry.sequence());
      }
      return pass(
          name,
          "requested by "
              + bundle.requester()
              + bundle.claimId().map(id -> " for claim " + id).orElse("")
              + ", logged as ledger entry "
              + entry.sequence()
              + " ("
              + entry.txId()
              + ") at "
              + Rfc3339.format(loggedAt, bundle.zone()));
    }

    private static Optional<String> attestationMismatch(
        Anchor anchor, LedgerRef ledger, ParsedBundle.Attestation attestation) {
      if (!attestation.type().equals(BundleJson.ATTESTATION_TYPE)) {
        return Optional.of(
            "attestation.type: got "
                + attestation.type()
                + ", want "
                + BundleJson.ATTESTATION_TYPE);
      }
      if (!ledger.kind().equals(LedgerRef.EMBEDDED)) {
        return Optional.of("ledger.kind: got " + ledger.kind() + ", want " + LedgerRef.EMBEDDED);
      }
      if (ledger.position() != attestation.sequence()) {
        return Optional.of(
            "ledger.position: got "
                + ledger.position()
                + ", want "
                + attestation.sequence()
                + " (the entry's sequence)");
      }
      if (!attestation.function().equals(BundleJson.ANCHOR_FUNCTION)) {
        return Optional.of(
            "entry.function: got "
                + attestation.function()
                + ", want "
                + BundleJson.ANCHOR_FUNCTION);
      }
      if (!attestation.txId().equals(anchor.txId())) {
        return Optional.of("entry.txId: got " + attestation.txId() + ", want " + anchor.txId());
      }
      try {
        Hash.fromHex(attestation.previousHash());
      } catch (IllegalArgumentException e) {
        return Optional.of(
            "entry.previousHash: got " + attestation.previousHash() + ", want 64 hex digits");
      }
      return BundleJson.payloadMismatch(anchor, attestation.payload().value());
    }

    private VerificationReport.Check inclusion(ParsedBundle.Record record, Hash leafHash) {
      String name = record.path() + ".inclusion";
      Anchor anchor = anchors.get(record.batchId());
      if (anchor == null) {
        return fail(
            name, "batchId: got " + record.batchId() + ", want one of the bundle's anchors");
      }
      if (record.treeSize() != anchor.treeSize()) {
        return fail(
            name,
            "treeSize: got "
                + record.treeSize()
                + ", want "
                + anchor.treeSize()
                + " (the anchor's)");
      }
      if (record.leafIndex() < 0) {
        return fail(name, "leafIndex: got " + record.leafIndex() + ", want >= 0");
      }
      VerificationResult result =
          MerkleVerifier.verifyInclusion(
              leafHash,
              new InclusionProof(record.leafIndex(), record.treeSize(), record.inclusionPath()),
              Hash.fromHex(anchor.rootHex()));
      return result.isVerified()
          ? pass(
              name,
              "leaf "
                  + record.leafIndex()
                  + " of "
                  + record.treeSize()
                  + " under root of batch "
                  + record.batchId())
          : fail(name, result.failure().orElseThrow());
    }

    private VerificationReport.Check window() {
      String name = "window.covered";
      EvidenceRequest request = request();
      if (!bundle.windowFrom().equals(request.windowFrom())
          || !bundle.windowTo().equals(request.windowTo())) {
        return fail(
            name,
            "window: got ["
                + Rfc3339.format(bundle.windowFrom(), bundle.zone())
                + ", "
                + Rfc3339.format(bundle.windowTo(), bundle.zone())
                + "], want ["
                + Rfc3339.format(request.windowFrom(), bundle.zone())
                + ", "
                + Rfc3339.format(request.windowTo(), bundle.zone())
                + "] (incident ± 2 h)");
      }
      Optional<String> misattested =
          BundleJson.misattestedDay(
              decoded.values(),
              bundle.daysWithoutRecords(),
              request.windowFrom(),
              request.windowTo(),
              request.incidentAt(),
              bundle.zone());
      if (misattested.isPresent()) {
        return fail(name, misattested.get());
      }
      List<String> missing =
          BundleJson.uncoveredDays(
              decoded.values(),
              bundle.daysWithoutRecords(),
              request.windowFrom(),
              request.windowTo(),
              bundle.zone());
      if (!missing.isEmpty()) {
        return fail(
            name, "records: got none for day(s) " + missing + ", want every day of the window");
      }
      return pass(
          name,
          "every day of ["
              + Rfc3339.format(request.windowFrom(), bundle.zone())
              + ", "
              + Rfc3339.format(request.windowTo(), bundle.zone())
              + "] has a record"
              + (bundle.daysWithoutRecords().isEmpty()
                  ? ""
                  : " or is attested to have none: " + bundle.daysWithoutRecords()));
    }

    /**
     * Each platform batch's signature, then each event's place in its batch and its content: the
     * platforms' own word for the events behind the records (docs/evidence-format.md §1.3).
     */
    private void platformEvidence() {
      Map<String, PlatformEvidenceJson.ParsedBatch> batches = new LinkedHashMap<>();
      for (PlatformEvidenceJson.ParsedBatch parsed : bundle.platformBatches()) {
        SignedBatch batch = parsed.batch();
        String name = parsed.name() + ".signature";
        if (batches.putIfAbsent(PlatformEvidence.key(batch), parsed) != null) {
          out.accept(fail(name, "the batch is listed twice"));
          continue;
        }
        guarded(
            name,
            () ->
                PlatformEvidenceChecks.signature(batch, trustedCa)
                    .map(f -> fail(name, f))
                    .orElseGet(
                        () ->
                            pass(
                                name,
                                batch.platform()
                                    + " signed "
                                    + parsed.eventCount()
                                    + " event(s), received "
                                    + Rfc3339.format(batch.receivedAt(), bundle.zone())
                                    + (trustedCa.isPresent()
                                        ? ", certificate verifies to the CA"
                                        : "; certificate not checked against a CA (pass --ca)"))));
      }
      List<PlatformEvidenceJson.ParsedEvent> events = bundle.events();
      for (int i = 0; i < events.size(); i++) {
        PlatformEvidenceJson.ParsedEvent parsed = events.get(i);
        String inclusion = "events[" + i + "].inclusion";
        PlatformEvidenceJson.ParsedBatch batch = batches.get(parsed.batchKey());
        if (batch == null) {
          out.accept(
              fail(
                  inclusion,
                  "platformBatches: has no batch of "
                      + parsed.platform()
                      + " with body SHA-256 "
                      + parsed.bodySha256().toHex()
                      + ", want the batch the event names"));
          continue;
        }
        SignedEvent event = parsed.in(batch.batch(), batch.eventCount());
        guarded(
            inclusion,
            () ->
                PlatformEvidenceChecks.inclusion(event)
                    .map(f -> fail(inclusion, f))
                    .orElseGet(
                        () ->
                            pass(
                                inclusion,
                                "leaf "
                                    + parsed.leafIndex()
                                    + " of "
                                    + parsed.platform()
                                    + "/"
                                    + parsed.batchId())));
        String content = "events[" + i + "].event";
        guarded(
            content,
            () ->
                PlatformEvidenceChecks.content(
                        event,
                        Optional.of(parsed.readable()),
                        bundle.workerRef(),
                        bundle.windowFrom(),
                        bundle.windowTo())
                    .map(f -> fail(content, f))
                    .orElseGet(() -> pass(content, describe(parsed))));
      }
    }

    private static String describe(PlatformEvidenceJson.ParsedEvent event) {
      Map<?, ?> fields = (Map<?, ?>) event.readable();
      return event.platform()
          + " signed "
          + fields.get("type")
          + " at "
          + fields.get("occurredAt")
          + Optional.ofNullable(fields.get("taskRef")).map(t -> " for " + t).orElse("");
    }

    private VerificationReport.Check coverage() {
      String name = "coverage.outcome";
      if (!bundle.ruleSet().equals(CoverageRules.RULE_SET)) {
        return fail(
            name,
            "ruleSet: got "
                + bundle.ruleSet()
                + ", want "
                + CoverageRules.RULE_SET
                + " (the only rule set this verifier knows)");
      }
      CoverageEvaluation evaluation =
          CoverageRules.evaluate(decoded.values(), bundle.incidentAt(), bundle.zone());
      if (evaluation instanceof CoverageEvaluation.RecordMissing missing) {
        return fail(name, missing.detail());
      }
      CoverageDecision decision = ((CoverageEvaluation.Decided) evaluation).decision();
      Object want = JsonTree.parse(json(json -> BundleJson.writeCoverage(json, decision)));
      Optional<String> difference = JsonDifference.first("coverage", bundle.coverage(), want);
      if (difference.isPresent()) {
        return fail(name, difference.get() + " (re-evaluated from the records)");
      }
      return pass(
          name,
          decision.outcome()
              + " ("
              + decision.reason()
              + ") under "
              + decision.ruleSet()
              + (decision.liablePlatforms().isEmpty()
                  ? ""
                  : ", liable " + String.join(", ", decision.liablePlatforms())));
    }

    private VerificationReport.Check signature() {
      if (hubKey.isEmpty()) {
        return fail("signature", NO_HUB_KEY);
      }
      Map<Object, Object> unsigned = new LinkedHashMap<>(bundle.tree());
      unsigned.remove("signature");
      byte[] signed = CanonicalJson.canonical(unsigned);
      return hubKey.get().verify(SignatureContext.EVIDENCE_BUNDLE, signed, bundle.signature())
          ? pass("signature", "the hub's signature over the canonical bundle")
          : fail(
              "signature",
              "signature: does not verify with the hub's signing key as an evidence bundle ("
                  + SignatureContext.EVIDENCE_BUNDLE.context()
                  + ")");
    }

    private EvidenceRequest request() {
      return new EvidenceRequest(bundle.workerRef(), bundle.incidentAt(), bundle.zone());
    }
  }

  /** A bundle part as the shared writer writes it. */
  private static byte[] json(JsonPart part) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      part.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface JsonPart {
    void write(JsonGenerator json) throws IOException;
  }
}
