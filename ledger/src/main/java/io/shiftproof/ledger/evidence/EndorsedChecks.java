package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.endorsement.EndorsedTransaction;
import io.shiftproof.ledger.endorsement.EndorsedTransactionReader;
import io.shiftproof.ledger.endorsement.EndorsedTransactionReaders;
import io.shiftproof.ledger.endorsement.EndorsementPolicy;
import io.shiftproof.ledger.endorsement.EndorsementTrust;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks of an endorsed ledger transaction a bundle carries (Fabric's), under one name: the
 * transaction is the one the bundle's {@code ledger} block names and committed valid ({@code
 * name}), every endorsement verifies against the trusted MSP roots ({@code name.endorsements}),
 * they satisfy the endorsement policy ({@code name.policy}), and the endorsed write set holds what
 * the bundle states ({@code name.writeSet}). Nothing here trusts the hub: the roots are the
 * reader's.
 */
final class EndorsedChecks {
  private EndorsedChecks() {}

  /**
   * Runs the checks.
   *
   * @param wanted why a written value (parsed JSON) is not the one the bundle states, if it is not
   * @param what what the write must hold, for messages
   */
  static List<VerificationReport.Check> run(
      String name,
      String type,
      byte[] bytes,
      LedgerRef ledger,
      Optional<EndorsementTrust> trust,
      Function<Object, Optional<String>> wanted,
      String what) {
    List<VerificationReport.Check> checks = new ArrayList<>();
    Optional<EndorsedTransactionReader> reader = EndorsedTransactionReaders.forType(type);
    if (reader.isEmpty()) {
      checks.add(fail(name, "attestation.type: " + type + " cannot be read here (no reader)"));
      return checks;
    }
    EndorsedTransaction tx;
    try {
      tx = reader.get().read(bytes, trust.map(EndorsementTrust::mspRoots).orElse(Map.of()));
    } catch (IllegalArgumentException e) {
      checks.add(fail(name, "attestation.transaction: " + e.getMessage()));
      return checks;
    }
    Optional<String> wrongPlace = placeMismatch(tx, ledger);
    checks.add(
        wrongPlace
            .map(m -> fail(name, m))
            .orElseGet(
                () ->
                    pass(
                        name,
                        "transaction "
                            + tx.txId()
                            + " on channel "
                            + tx.channel()
                            + ", chaincode "
                            + tx.chaincode()
                            + ", "
                            + tx.validationCode())));
    checks.add(endorsements(name + ".endorsements", tx, trust));
    checks.add(policy(name + ".policy", tx, trust));
    checks.add(writeSet(name + ".writeSet", tx, wanted, what));
    return checks;
  }

  private static Optional<String> placeMismatch(EndorsedTransaction tx, LedgerRef ledger) {
    if (!tx.txId().equals(ledger.txId())) {
      return Optional.of("transaction.txId: got " + tx.txId() + ", want " + ledger.txId());
    }
    if (!tx.channel().equals(ledger.channel())) {
      return Optional.of("transaction.channel: got " + tx.channel() + ", want " + ledger.channel());
    }
    if (!tx.chaincode().equals(ledger.contract())) {
      return Optional.of(
          "transaction.chaincode: got " + tx.chaincode() + ", want " + ledger.contract());
    }
    if (!tx.validationCode().equals("VALID")) {
      return Optional.of("transaction.validationCode: got " + tx.validationCode() + ", want VALID");
    }
    return Optional.empty();
  }

  private static VerificationReport.Check endorsements(
      String name, EndorsedTransaction tx, Optional<EndorsementTrust> trust) {
    if (tx.endorsements().isEmpty()) {
      return fail(name, "endorsements: got none, want the endorsing peers'");
    }
    List<String> by = new ArrayList<>();
    for (EndorsedTransaction.Endorsement e : tx.endorsements()) {
      if (!e.signatureVerified() || (trust.isPresent() && !e.verified())) {
        return fail(name, e.mspId() + ": " + e.problem().orElse("does not verify"));
      }
      by.add(e.mspId());
    }
    return pass(
        name,
        "signed by peers of "
            + String.join(", ", by)
            + trust
                .map(t -> ", issued by their MSP roots")
                .orElse("; not checked against MSP roots (pass --msp-root)"));
  }

  private static VerificationReport.Check policy(
      String name, EndorsedTransaction tx, Optional<EndorsementTrust> trust) {
    if (trust.isEmpty()) {
      return pass(name, "not checked: without MSP roots any organisation can be named");
    }
    EndorsementPolicy policy = trust.get().policy();
    return policy
        .unmet(tx.endorsements())
        .map(m -> fail(name, m))
        .orElseGet(() -> pass(name, policy.describe()));
  }

  private static VerificationReport.Check writeSet(
      String name, EndorsedTransaction tx, Function<Object, Optional<String>> wanted, String what) {
    Optional<String> closest = Optional.empty();
    for (Map.Entry<String, byte[]> write : tx.writes().entrySet()) {
      Object value;
      try {
        value = JsonTree.parse(write.getValue());
      } catch (IllegalArgumentException e) {
        continue; // a write of another kind (the chain's head pointer)
      }
      Optional<String> mismatch = wanted.apply(value);
      if (mismatch.isEmpty()) {
        return pass(name, what + " written at key " + printable(write.getKey()));
      }
      if (closest.isEmpty() && value instanceof Map<?, ?>) {
        closest = Optional.of(mismatch.get() + " (key " + printable(write.getKey()) + ")");
      }
    }
    return fail(
        name,
        closest
            .map(c -> c + " (got: the endorsed write set, want: the bundle)")
            .orElse("writes: got " + tx.writes().size() + " without " + what + ", want one"));
  }

  /** State keys may hold composite-key separators (U+0000), which do not print. */
  private static String printable(String key) {
    return key.replace('\u0000', '/');
  }

  private static VerificationReport.Check pass(String name, String detail) {
    return new VerificationReport.Check(name, true, detail);
  }

  private static VerificationReport.Check fail(String name, String detail) {
    return new VerificationReport.Check(name, false, detail);
  }
}
