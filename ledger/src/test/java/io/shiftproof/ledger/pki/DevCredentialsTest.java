package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.pki.CredentialException.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCredentialsTest {
  private static final List<OrganisationIdentity> STANDARD = DevCredentials.STANDARD_ORGANISATIONS;

  @TempDir Path dir;

  @Test
  void standardOrganisationsAreThreePlatformsAnInsurerARegulatorAndAdmin() {
    assertThat(STANDARD)
        .containsExactly(
            new OrganisationIdentity("platform-1", Role.PLATFORM),
            new OrganisationIdentity("platform-2", Role.PLATFORM),
            new OrganisationIdentity("platform-3", Role.PLATFORM),
            new OrganisationIdentity("insurer-1", Role.INSURER),
            new OrganisationIdentity("regulator", Role.REGULATOR),
            new OrganisationIdentity("admin", Role.ADMIN));
  }

  @Test
  void ensureWritesTheDocumentedLayout() {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);

    assertThat(credentials.caCertificate()).isEqualTo(dir.resolve("ca.pem")).isRegularFile();
    assertThat(dir.resolve("ca-key.pem")).isRegularFile();
    for (OrganisationIdentity identity : STANDARD) {
      String org = identity.organisation();
      assertThat(credentials.certificate(org))
          .isEqualTo(dir.resolve(org).resolve("cert.pem"))
          .isRegularFile();
      assertThat(credentials.privateKey(org))
          .isEqualTo(dir.resolve(org).resolve("key.pem"))
          .isRegularFile();
    }
    assertThat(credentials.serverCertificate())
        .isEqualTo(dir.resolve("hub-server/cert.pem"))
        .isRegularFile();
    assertThat(credentials.serverKey())
        .isEqualTo(dir.resolve("hub-server/key.pem"))
        .isRegularFile();
    assertThat(credentials.signingCertificate())
        .isEqualTo(dir.resolve("hub-signer/cert.pem"))
        .isRegularFile();
    assertThat(credentials.signingKey())
        .isEqualTo(dir.resolve("hub-signer/key.pem"))
        .isRegularFile();
  }

  @Test
  void theHubSignsWithAKeyOfItsOwnThatServesNoTls() throws Exception {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);
    X509Certificate signing = TlsContexts.loadCertificate(credentials.signingCertificate());
    X509Certificate server = TlsContexts.loadCertificate(credentials.serverCertificate());

    assertThat(HubSigningIdentity.problem(signing)).isEmpty();
    assertThat(signing.getSubjectX500Principal().getName()).contains("OU=hub-signer");
    assertThat(signing.getKeyUsage()[0]).isTrue();
    assertThat(signing.getExtendedKeyUsage()).isNull();
    assertThat(signing.getPublicKey()).isNotEqualTo(server.getPublicKey());
    // Neither the TLS certificate nor any organisation's passes as the signing identity.
    assertThat(HubSigningIdentity.problem(server)).isPresent();
    for (OrganisationIdentity identity : STANDARD) {
      assertThat(
              HubSigningIdentity.problem(
                  TlsContexts.loadCertificate(credentials.certificate(identity.organisation()))))
          .as(identity.organisation())
          .isPresent();
    }
  }

  @Test
  void issuedCertificatesCarryEachOrganisationsIdentity() {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);

    for (OrganisationIdentity identity : STANDARD) {
      X509Certificate certificate =
          TlsContexts.loadCertificate(credentials.certificate(identity.organisation()));
      assertThat(OrganisationIdentity.fromCertificate(certificate)).contains(identity);
    }
  }

  @Test
  void privateKeysArePkcs8AndReadableByTheOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);

    List<Path> keys =
        new ArrayList<>(
            List.of(dir.resolve("ca-key.pem"), credentials.serverKey(), credentials.signingKey()));
    STANDARD.forEach(identity -> keys.add(credentials.privateKey(identity.organisation())));
    for (Path key : keys) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .as(key.toString())
          .isEqualTo("rw-------");
      assertThat(Files.readString(key, StandardCharsets.US_ASCII))
          .startsWith("-----BEGIN PRIVATE KEY-----\n");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(credentials.caCertificate())))
        .isEqualTo("rw-r--r--");
    assertThat(Files.readString(credentials.caCertificate(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void ensureDoesNotOverwriteExistingCredentials() throws IOException {
    DevCredentials.ensure(dir, STANDARD);
    Map<Path, String> before = snapshot(dir);

    DevCredentials.ensure(dir, STANDARD);

    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void ensureIssuesOnlyWhatIsMissing() throws IOException {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);
    byte[] oldPlatform2 = Files.readAllBytes(credentials.certificate("platform-2"));
    deleteTree(dir.resolve("platform-2"));
    Map<Path, String> others = snapshot(dir);

    DevCredentials.ensure(dir, STANDARD);

    Map<Path, String> after = snapshot(dir);
    assertThat(after).containsAllEntriesOf(others);
    assertThat(Files.readAllBytes(credentials.certificate("platform-2")))
        .isNotEqualTo(oldPlatform2);
    X509Certificate reissued = TlsContexts.loadCertificate(credentials.certificate("platform-2"));
    X509Certificate ca = TlsContexts.loadCertificate(credentials.caCertificate());
    assertThat(reissued.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
  }

  @Test
  void ensureAddsOrganisationsToAnExistingDirectory() throws IOException {
    DevCredentials.ensure(dir, STANDARD.subList(0, 2));
    Map<Path, String> before = snapshot(dir);

    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);

    assertThat(snapshot(dir)).containsAllEntriesOf(before);
    assertThat(credentials.certificate("admin")).isRegularFile();
  }

  @Test
  void ensureRefusesHalfAPairAndLeavesItAlone() throws IOException {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);
    byte[] key = Files.readAllBytes(credentials.privateKey("platform-1"));
    Files.delete(credentials.certificate("platform-1"));

    assertThatThrownBy(() -> DevCredentials.ensure(dir, STANDARD))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INCOMPLETE_CREDENTIALS))
        .hasMessageContaining("platform-1")
        .hasMessageContaining("delete");
    assertThat(Files.readAllBytes(credentials.privateKey("platform-1"))).isEqualTo(key);
    assertThat(credentials.certificate("platform-1")).doesNotExist();
  }

  @Test
  void ensureRefusesExistingCertificateForAnotherRole() {
    DevCredentials.ensure(dir, List.of(new OrganisationIdentity("acme", Role.INSURER)));

    assertThatThrownBy(
            () ->
                DevCredentials.ensure(
                    dir, List.of(new OrganisationIdentity("acme", Role.PLATFORM))))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("want OrganisationIdentity[organisation=acme, role=PLATFORM]");
  }

  @Test
  void ensureRefusesCredentialsIssuedByAnotherCa(@TempDir Path other) throws IOException {
    DevCredentials.ensure(dir, STANDARD);
    DevCredentials.ensure(other, STANDARD);
    deleteTree(dir.resolve("platform-1"));
    Files.createDirectories(dir.resolve("platform-1"));
    Files.copy(other.resolve("platform-1/cert.pem"), dir.resolve("platform-1/cert.pem"));
    Files.copy(other.resolve("platform-1/key.pem"), dir.resolve("platform-1/key.pem"));

    assertThatThrownBy(() -> DevCredentials.ensure(dir, STANDARD))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("not issued by the CA");
  }

  @Test
  void ensureRefusesKeyThatDoesNotBelongToTheCertificate() throws IOException {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);
    Files.delete(credentials.privateKey("platform-1"));
    Files.copy(credentials.privateKey("platform-2"), credentials.privateKey("platform-1"));

    assertThatThrownBy(() -> DevCredentials.ensure(dir, STANDARD))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("does not belong");
  }

  @Test
  void ensureRefusesExpiredCertificateRatherThanReplaceIt() throws IOException {
    Instant threeYearsAgo = Instant.now().minus(Duration.ofDays(3 * 365));
    DevCertificateAuthority ca =
        DevCertificateAuthority.loadOrCreate(dir, Clock.fixed(threeYearsAgo, ZoneOffset.UTC));
    IssuedCredential old =
        ca.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM));
    PemFiles.writePrivateKey(
        dir.resolve("platform-1/key.pem"),
        new KeyPair(old.certificate().getPublicKey(), old.privateKey()));
    PemFiles.writeCertificate(dir.resolve("platform-1/cert.pem"), old.certificate());

    assertThatThrownBy(() -> DevCredentials.ensure(dir, STANDARD))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.EXPIRED_CREDENTIALS))
        .hasMessageContaining("delete " + dir.resolve("platform-1"));
  }

  @Test
  void serverCertificateCarriesExtraNamesAndIsNotSilentlyKeptWithoutThem() throws Exception {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD, List.of("hub.internal"));
    assertThat(
            TlsContexts.loadCertificate(credentials.serverCertificate())
                .getSubjectAlternativeNames())
        .contains(List.of(2, "hub.internal"), List.of(2, "localhost"));

    DevCredentials.ensure(dir, STANDARD, List.of("hub.internal"));
    assertThatThrownBy(() -> DevCredentials.ensure(dir, STANDARD, List.of("10.1.2.3")))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("lacks the server names [10.1.2.3]")
        .hasMessageContaining("hub-server");
  }

  @Test
  void ensureRefusesOrganisationNamesThatAreNotOneSafeDirectoryName() {
    for (String name :
        List.of("../evil", "a/b", "hub-server", "hub-signer", "Platform-1", "ca.pem", "")) {
      assertThatThrownBy(
              () -> DevCredentials.ensure(dir, List.of(new OrganisationIdentity(name, Role.ADMIN))))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(dir.resolve("ca.pem")).doesNotExist();
  }

  @Test
  void ensureRefusesOneOrganisationWithTwoRoles() {
    assertThatThrownBy(
            () ->
                DevCredentials.ensure(
                    dir,
                    List.of(
                        new OrganisationIdentity("acme", Role.PLATFORM),
                        new OrganisationIdentity("acme", Role.INSURER))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one role per organisation");
  }

  @Test
  void pathsAreOnlyGivenForEnsuredOrganisations() {
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD.subList(0, 1));

    assertThat(credentials.organisation("platform-1")).contains(STANDARD.get(0));
    assertThat(credentials.organisation("admin")).isEmpty();
    assertThatThrownBy(() -> credentials.certificate("admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'admin', want one of [platform-1]");
  }

  @Test
  void concurrentEnsuresAgreeOnOneCa() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<DevCredentials>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> DevCredentials.ensure(dir, STANDARD));
      }
      for (Future<DevCredentials> result : pool.invokeAll(calls)) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
    X509Certificate ca = TlsContexts.loadCertificate(dir.resolve("ca.pem"));
    for (OrganisationIdentity identity : STANDARD) {
      TlsContexts.loadCertificate(dir.resolve(identity.organisation()).resolve("cert.pem"))
          .verify(ca.getPublicKey());
    }
  }

  @Test
  void opensslReadsEveryFileAndAcceptsEachCertificateForItsPurpose() throws IOException {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    DevCredentials credentials = DevCredentials.ensure(dir, STANDARD);
    String ca = credentials.caCertificate().toString();

    assertThat(openssl("x509", "-in", ca, "-noout", "-text"))
        .contains("CA:TRUE, pathlen:0")
        .contains("ecdsa-with-SHA256")
        .contains("NIST CURVE: P-256");
    assertThat(openssl("pkey", "-in", dir.resolve("ca-key.pem").toString(), "-noout")).isEmpty();
    for (OrganisationIdentity identity : STANDARD) {
      String cert = credentials.certificate(identity.organisation()).toString();
      String key = credentials.privateKey(identity.organisation()).toString();
      assertThat(openssl("x509", "-in", cert, "-noout", "-text"))
          .contains("TLS Web Client Authentication")
          .contains("Digital Signature");
      assertThat(openssl("verify", "-CAfile", ca, "-purpose", "sslclient", cert)).contains(": OK");
      assertThat(openssl("pkey", "-in", key, "-pubout"))
          .isEqualTo(openssl("x509", "-in", cert, "-noout", "-pubkey"));
    }
    String server = credentials.serverCertificate().toString();
    assertThat(openssl("x509", "-in", server, "-noout", "-ext", "subjectAltName"))
        .contains("DNS:localhost", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1");
    assertThat(openssl("verify", "-CAfile", ca, "-purpose", "sslserver", server)).contains(": OK");
    assertThat(openssl("pkey", "-in", credentials.serverKey().toString(), "-pubout"))
        .isEqualTo(openssl("x509", "-in", server, "-noout", "-pubkey"));
  }

  private static String openssl(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    ExternalTool.Result result = ExternalTool.run(command);
    assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    return result.output();
  }

  /** Every file under a directory with its content and modification time. */
  private static Map<Path, String> snapshot(Path root) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        FileTime modified = Files.getLastModifiedTime(path);
        files.put(
            root.relativize(path),
            modified + " " + java.util.HexFormat.of().formatHex(Files.readAllBytes(path)));
      }
    }
    return files;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
