package io.shiftproof.ledger.decision;

import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Organisations with real certificates from one development CA per test JVM, for signing claim
 * decisions in tests: insurers, and (to show a wrong role is refused) any other role.
 */
public final class TestInsurers {
  private static final Map<String, InsurerSignature> SIGNERS = new ConcurrentHashMap<>();
  private static DevCertificateAuthority ca;

  private TestInsurers() {}

  /** The signing identity of the insurer {@code organisation}. */
  public static InsurerSignature insurer(String organisation) {
    return of(organisation, Role.INSURER);
  }

  /** The signing identity of {@code organisation} in {@code role}. */
  public static InsurerSignature of(String organisation, Role role) {
    return SIGNERS.computeIfAbsent(
        organisation + "/" + role.ou(),
        key -> {
          IssuedCredential credential =
              ca().issueClientCertificate(new OrganisationIdentity(organisation, role));
          return new InsurerSignature(
              EcdsaP256Signer.of(credential.privateKey()), credential.certificate());
        });
  }

  private static synchronized DevCertificateAuthority ca() {
    if (ca == null) {
      try {
        ca = DevCertificateAuthority.loadOrCreate(Files.createTempDirectory("test-insurers"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ca;
  }
}
