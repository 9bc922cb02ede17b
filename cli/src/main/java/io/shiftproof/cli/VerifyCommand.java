package io.shiftproof.cli;

import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.endorsement.EndorsementTrust;
import io.shiftproof.ledger.evidence.EvidenceVerifier;
import io.shiftproof.ledger.evidence.KeptHeadCheck;
import io.shiftproof.ledger.evidence.VerificationReport;
import io.shiftproof.ledger.pki.CredentialException;
import io.shiftproof.ledger.pki.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks an evidence bundle offline, without the hub or its ledger, and prints every check. The
 * exit code lets a script act on the result: 0 verified, 1 a check failed (named on the last line),
 * 3 the bundle, the CA or the CRL cannot be read.
 */
@Command(
    name = "verify",
    description =
        "Check an evidence bundle offline: every hash, proof and signature, and the coverage"
            + " decision; exit 1 naming the first check that failed.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "BUNDLE", description = "the evidence bundle (JSON)")
  Path bundle;

  @Option(
      names = "--ca",
      paramLabel = "CA_PEM",
      description = "CA certificate the hub's certificate must chain to (PEM)")
  Path ca;

  @Option(
      names = "--crl",
      paramLabel = "CRL",
      description =
          "the CA's certificate revocation list (PEM or DER); a revoked hub signing certificate"
              + " fails hub.certificate (needs --ca)")
  Path crl;

  @Option(
      names = "--head",
      paramLabel = "HEAD_JSON",
      description =
          "a ledger head kept earlier (GET /v1/ledger/head); the bundle's ledger entries must"
              + " agree with it, or the log's tail was cut or rewritten since")
  Path head;

  @Option(
      names = "--msp-root",
      paramLabel = "MSP=PEM",
      description =
          "an organisation of the Fabric channel and its MSP root certificate(s), for example"
              + " hub=hub-ca.pem; repeat for each organisation. A Fabric-anchored bundle's"
              + " endorsements must chain to these roots and satisfy the hub AND one insurer")
  Map<String, Path> mspRoots = new LinkedHashMap<>();

  @Option(
      names = "--hub-msp",
      paramLabel = "MSP",
      defaultValue = "hub",
      description = "the hub's MSP ID among --msp-root (default: ${DEFAULT-VALUE})")
  String hubMsp;

  @Override
  public Integer call() {
    byte[] json = read(bundle);
    if (crl != null && ca == null) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, "--crl: needs --ca, the CA that signed it");
    }
    Optional<X509Certificate> trustedCa = Optional.ofNullable(ca).map(VerifyCommand::loadCa);
    Optional<X509CRL> revocations = Optional.ofNullable(crl).map(VerifyCommand::loadCrl);
    Optional<SignedLedgerHead> kept = Optional.ofNullable(head).map(VerifyCommand::loadHead);
    Optional<EndorsementTrust> endorsementTrust = endorsementTrust();
    VerificationReport verified =
        EvidenceVerifier.verify(json, trustedCa, revocations, endorsementTrust);
    if (!verified.readable()) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE,
          "cannot parse " + bundle + ": " + verified.checks().get(0).detail());
    }
    List<VerificationReport.Check> checks = new ArrayList<>(verified.checks());
    kept.ifPresent(k -> checks.addAll(KeptHeadCheck.check(json, k)));
    VerificationReport report = new VerificationReport(checks, true);
    PrintWriter out = spec.commandLine().getOut();
    int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(0);
    for (VerificationReport.Check check : report.checks()) {
      out.printf(
          "%-4s %-" + width + "s  %s%n",
          check.passed() ? "ok" : "FAIL",
          check.name(),
          check.detail());
    }
    Optional<VerificationReport.Check> failure = report.firstFailure();
    if (failure.isPresent()) {
      out.printf("FAILED at %s: %s%n", failure.get().name(), failure.get().detail());
    } else {
      out.printf("verified: all %d checks passed%n", report.checks().size());
    }
    out.flush();
    return failure.isPresent() ? ShiftproofCli.EXIT_REFUSED : 0;
  }

  private Optional<EndorsementTrust> endorsementTrust() {
    if (mspRoots.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
    for (Map.Entry<String, Path> root : mspRoots.entrySet()) {
      try (InputStream in = Files.newInputStream(root.getValue())) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          certificates.add((X509Certificate) c);
        }
        if (certificates.isEmpty()) {
          throw new CliFailure(
              ShiftproofCli.EXIT_UNREACHABLE,
              "--msp-root " + root.getKey() + ": " + root.getValue() + " holds no certificate");
        }
        roots.put(root.getKey(), certificates);
      } catch (IOException | GeneralSecurityException e) {
        throw new CliFailure(
            ShiftproofCli.EXIT_UNREACHABLE,
            "--msp-root " + root.getKey() + ": cannot read " + root.getValue() + ": " + e);
      }
    }
    try {
      return Optional.of(new EndorsementTrust(roots, hubMsp));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, "--msp-root: " + e.getMessage());
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "cannot read " + file + ": " + e);
    }
  }

  private static X509CRL loadCrl(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "--crl: cannot read " + file + ": " + e);
    }
  }

  private static SignedLedgerHead loadHead(Path file) {
    try {
      return SignedLedgerHead.fromJson(read(file));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "--head: " + e.getMessage());
    }
  }

  private static X509Certificate loadCa(Path file) {
    try {
      return TlsContexts.loadCertificate(file);
    } catch (CredentialException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "--ca: " + e.getMessage());
    }
  }
}
