package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the ledger entries an evidence bundle carries against a head of the hub's log that the
 * reader kept earlier ({@link SignedLedgerHead}), offline (docs/design.md §6.6). In an untouched
 * log an entry at or before the kept head's sequence is no later than it, an entry after it no
 * earlier, the entry at its sequence has its hash, and the next one names that hash as its
 * previous. A log whose tail was cut, or cut and written again, and then extended, breaks one of
 * these for every entry written after the change: the sequences are reused at later times.
 *
 * <p>Run after {@link EvidenceVerifier}, which checks the attestations' own signatures; a bundle
 * that carries no entry near the kept head says nothing either way, and the check says so.
 */
public final class KeptHeadCheck {
  private KeptHeadCheck() {}

  /**
   * The checks {@code ledgerHead.signature} (the kept head is signed by the key of the bundle's hub
   * certificate) and {@code ledgerHead.entries} (the bundle's entries agree with it).
   */
  public static List<VerificationReport.Check> check(byte[] bundleJson, SignedLedgerHead kept) {
    Objects.requireNonNull(kept, "kept");
    List<VerificationReport.Check> checks = new ArrayList<>();
    ParsedBundle bundle;
    Verifier hubKey;
    try {
      bundle = ParsedBundle.read(JsonTree.parse(bundleJson));
      hubKey =
          EcdsaP256Verifier.fromCertificate(
              HubCertificates.parse(bundle.certificateChainPem()).get(0));
    } catch (RuntimeException e) {
      checks.add(fail("ledgerHead.signature", "the bundle cannot be read: " + e.getMessage()));
      return checks;
    }
    if (!kept.verifiedBy(hubKey)) {
      checks.add(
          fail(
              "ledgerHead.signature",
              "the kept head of entry "
                  + kept.sequence()
                  + " does not verify with the hub certificate's key"));
      return checks;
    }
    checks.add(pass("ledgerHead.signature", "entry " + kept.sequence() + ", signed by the hub"));
    int compared = 0;
    for (ParsedBundle.AnchorEntry anchor : bundle.anchors()) {
      if (anchor.attestation().isEmpty()) {
        continue;
      }
      ParsedBundle.Attestation a = anchor.attestation().get();
      String problem = disagreement(a, kept);
      if (problem != null) {
        checks.add(fail("ledgerHead.entries", "entry " + a.sequence() + " " + problem));
        return checks;
      }
      compared++;
    }
    checks.add(
        pass(
            "ledgerHead.entries",
            compared == 0
                ? "the bundle carries no ledger entry to compare with the kept head"
                : compared
                    + " ledger entr"
                    + (compared == 1 ? "y agrees" : "ies agree")
                    + " with the kept head of entry "
                    + kept.sequence()));
    return checks;
  }

  /** Why an entry cannot belong to the log the kept head was taken from; null if it can. */
  private static String disagreement(ParsedBundle.Attestation a, SignedLedgerHead kept) {
    Instant time = DayRecordCodec.instantOfMicros(a.txTimeMicros());
    if (a.sequence() <= kept.sequence() && time.isAfter(kept.txTime())) {
      return "was written at "
          + time
          + ", after the kept head of entry "
          + kept.sequence()
          + " ("
          + kept.txTime()
          + "): the log's tail was cut or rewritten since the head was kept";
    }
    if (a.sequence() > kept.sequence() && time.isBefore(kept.txTime())) {
      return "was written at "
          + time
          + ", before the kept head of entry "
          + kept.sequence()
          + " ("
          + kept.txTime()
          + "): the log was rewritten since the head was kept";
    }
    if (a.sequence() == kept.sequence() + 1
        && !Hash.fromHex(a.previousHash()).equals(kept.hash())) {
      return "names previous hash "
          + a.previousHash()
          + ", the kept head "
          + kept.hash().toHex()
          + ": the log was rewritten since the head was kept";
    }
    if (a.sequence() == kept.sequence()) {
      Hash hash =
          new LedgerEntry(
                  a.sequence(),
                  a.txId(),
                  DayRecordCodec.instantOfMicros(a.txTimeMicros()),
                  a.function(),
                  a.invoker(),
                  new String(JsonTree.toBytes(a.payload().value()), StandardCharsets.UTF_8),
                  Hash.fromHex(a.previousHash()))
              .hash();
      if (!hash.equals(kept.hash())) {
        return "hashes to "
            + hash.toHex()
            + ", the kept head says "
            + kept.hash().toHex()
            + ": the log was rewritten since the head was kept";
      }
    }
    return null;
  }

  private static VerificationReport.Check pass(String name, String detail) {
    return new VerificationReport.Check(name, true, detail);
  }

  private static VerificationReport.Check fail(String name, String detail) {
    return new VerificationReport.Check(name, false, detail);
  }
}
