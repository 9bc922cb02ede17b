package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.KeyPairs;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.pki.CredentialException.Code;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The development credentials of a hub on one machine, kept in a directory whose layout is a
 * contract (the README and its curl examples rely on it):
 *
 * <pre>
 * &lt;dir&gt;/ca.pem                 CA certificate
 * &lt;dir&gt;/ca-key.pem             CA private key (owner-only)
 * &lt;dir&gt;/&lt;org&gt;/cert.pem           client certificate, CN=&lt;org&gt;, OU=&lt;role&gt;
 * &lt;dir&gt;/&lt;org&gt;/key.pem            its private key, PKCS#8 PEM (owner-only)
 * &lt;dir&gt;/hub-server/cert.pem    the hub's TLS server certificate
 * &lt;dir&gt;/hub-server/key.pem     its private key (owner-only)
 * &lt;dir&gt;/hub-signer/cert.pem    the hub's signing certificate, OU=hub-signer
 * &lt;dir&gt;/hub-signer/key.pem     its private key (owner-only): signs ledger entries and evidence
 * &lt;dir&gt;/kafka/&lt;name&gt;/cert.pem    Kafka certificate, CN=&lt;name&gt;, OU=kafka ({@link KafkaCredentials})
 * &lt;dir&gt;/kafka/&lt;name&gt;/key.pem     its private key (owner-only)
 * &lt;dir&gt;/crl.pem                the CA's revocation list ({@link #revoke})
 * </pre>
 *
 * <p>The hub's TLS key and its signing key are separate pairs: the TLS key only authenticates the
 * server, and only the signing key's certificate passes as the hub's signature on evidence.
 *
 * <p>{@link #ensure} creates what is missing and never overwrites a file: deleting an
 * organisation's directory is how to get it a new certificate.
 */
public final class DevCredentials {
  /** The organisations of a development hub: three platforms, an insurer, a regulator, admin. */
  public static final List<OrganisationIdentity> STANDARD_ORGANISATIONS =
      List.of(
          new OrganisationIdentity("platform-1", Role.PLATFORM),
          new OrganisationIdentity("platform-2", Role.PLATFORM),
          new OrganisationIdentity("platform-3", Role.PLATFORM),
          new OrganisationIdentity("insurer-1", Role.INSURER),
          new OrganisationIdentity("regulator", Role.REGULATOR),
          new OrganisationIdentity("admin", Role.ADMIN));

  /** Directory of the hub's TLS server certificate and key. */
  public static final String SERVER_DIRECTORY = "hub-server";

  /** Directory of the hub's signing certificate and key (docs/design.md §8.3). */
  public static final String SIGNER_DIRECTORY = "hub-signer";

  /** File name of a certificate inside an organisation's (or the server's) directory. */
  public static final String CERTIFICATE_FILE = "cert.pem";

  /** File name of a private key inside an organisation's (or the server's) directory. */
  public static final String KEY_FILE = "key.pem";

  /** File name of the CA's revocation list in the credentials directory. */
  public static final String REVOCATION_LIST_FILE = "crl.pem";

  // Organisation names become directory names and certificate CNs: one path segment, no dots
  // (so never "..", "ca.pem"), lower case (so two names never share a directory on a
  // case-insensitive file system).
  private static final Pattern ORGANISATION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final String LOCK_FILE = ".lock";
  private static final Object IN_PROCESS = new Object();

  private final Path directory;
  private final Map<String, OrganisationIdentity> organisations;

  private DevCredentials(Path directory, Map<String, OrganisationIdentity> organisations) {
    this.directory = directory;
    this.organisations = organisations;
  }

  /** {@link #ensure(Path, List, List)} with a server certificate for the loopback names only. */
  public static DevCredentials ensure(Path directory, List<OrganisationIdentity> organisations) {
    return ensure(directory, organisations, List.of());
  }

  /**
   * Makes sure {@code directory} holds a CA, a client certificate and key for each organisation,
   * and the hub's server certificate and key; issues only what is missing.
   *
   * @param extraServerNames DNS names or IP literals the server certificate must carry besides
   *     {@code localhost}, {@code 127.0.0.1} and {@code ::1}
   * @throws CredentialException when existing files cannot be kept as they are: half a pair, a
   *     certificate from another CA or for another role, a key that does not match, a server
   *     certificate lacking a requested name, an expired certificate. The message names what to
   *     delete to have it issued again.
   */
  public static DevCredentials ensure(
      Path directory, List<OrganisationIdentity> organisations, List<String> extraServerNames) {
    Map<String, OrganisationIdentity> byName = index(organisations);
    ServerNames serverNames = ServerNames.withLoopbackAnd(extraServerNames);
    // The file lock in writeMissing keeps other processes out; threads of this one queue here
    // because a second lock on the same file from one JVM throws instead of waiting.
    synchronized (IN_PROCESS) {
      writeMissing(directory, byName, extraServerNames, serverNames);
    }
    return new DevCredentials(directory, byName);
  }

  private static void writeMissing(
      Path directory,
      Map<String, OrganisationIdentity> byName,
      List<String> extraServerNames,
      ServerNames serverNames) {
    try {
      Files.createDirectories(directory);
      // One writer at a time, also across processes starting side by side on one data dir.
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(LOCK_FILE),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(directory);
        for (OrganisationIdentity identity : byName.values()) {
          ensurePair(
              ca,
              directory.resolve(identity.organisation()),
              () -> ca.issueClientCertificate(identity),
              certificate -> requireIdentity(certificate, identity, directory));
        }
        ensurePair(
            ca,
            directory.resolve(SERVER_DIRECTORY),
            () -> ca.issueServerCertificate(extraServerNames),
            certificate -> requireNames(certificate, serverNames, directory));
        ensurePair(
            ca,
            directory.resolve(SIGNER_DIRECTORY),
            ca::issueHubSigningCertificate,
            certificate -> requireSigningIdentity(certificate, directory));
        for (String name : KafkaCredentials.NAMES) {
          ensurePair(
              ca,
              directory.resolve(KafkaCredentials.DIRECTORY).resolve(name),
              () -> ca.issueKafkaCertificate(name, name.equals(KafkaCredentials.BROKER)),
              certificate -> {});
        }
        Path revocationList = directory.resolve(REVOCATION_LIST_FILE);
        if (!Files.exists(revocationList)) {
          // An empty list from the start, so the hub can always be given one to check against.
          PemFiles.writeRevocationList(
              revocationList, ca.issueRevocationList(List.of(), BigInteger.ONE));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare credentials in " + directory, e);
    }
  }

  /**
   * Revokes an organisation's certificate: adds it to {@code crl.pem}, signed by the CA, keeping
   * what the list revoked before. A hub reads the list when it starts ({@code tls.crl}).
   *
   * @return the revoked certificate
   */
  public X509Certificate revoke(String organisation) {
    X509Certificate certificate = PemFiles.readCertificates(certificate(organisation)).get(0);
    synchronized (IN_PROCESS) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(LOCK_FILE),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(directory);
        Path file = revocationList();
        Set<BigInteger> revoked = new TreeSet<>();
        BigInteger number = BigInteger.ONE;
        if (Files.exists(file)) {
          for (X509CRL list : PemFiles.readRevocationLists(file)) {
            if (list.getRevokedCertificates() != null) {
              list.getRevokedCertificates().forEach(entry -> revoked.add(entry.getSerialNumber()));
            }
            number = number.max(crlNumber(list).add(BigInteger.ONE));
          }
        }
        revoked.add(certificate.getSerialNumber());
        PemFiles.writeRevocationList(file, ca.issueRevocationList(revoked, number));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot revoke in " + directory, e);
      }
    }
    return certificate;
  }

  /** {@code <dir>/crl.pem}: the CA's revocation list, empty until {@link #revoke} adds to it. */
  public Path revocationList() {
    return directory.resolve(REVOCATION_LIST_FILE);
  }

  /** The TLS material of one of the {@link KafkaCredentials#NAMES}. */
  public KafkaTls kafka(String name) {
    if (!KafkaCredentials.NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "Kafka identity: got '" + name + "', want one of " + KafkaCredentials.NAMES);
    }
    return KafkaTls.development(directory, name);
  }

  /** The directory holding the credentials. */
  public Path directory() {
    return directory;
  }

  /** The organisations these credentials were ensured for. */
  public List<OrganisationIdentity> organisations() {
    return List.copyOf(organisations.values());
  }

  /** The identity of an organisation these credentials were ensured for. */
  public Optional<OrganisationIdentity> organisation(String organisation) {
    return Optional.ofNullable(organisations.get(organisation));
  }

  /** {@code <dir>/ca.pem}: the CA certificate clients and the hub trust. */
  public Path caCertificate() {
    return directory.resolve(DevCertificateAuthority.CERTIFICATE_FILE);
  }

  /** {@code <dir>/<org>/cert.pem}: an organisation's client certificate. */
  public Path certificate(String organisation) {
    return directory.resolve(known(organisation)).resolve(CERTIFICATE_FILE);
  }

  /** {@code <dir>/<org>/key.pem}: an organisation's private key, PKCS#8 PEM. */
  public Path privateKey(String organisation) {
    return directory.resolve(known(organisation)).resolve(KEY_FILE);
  }

  /** {@code <dir>/hub-server/cert.pem}: the hub's TLS server certificate. */
  public Path serverCertificate() {
    return directory.resolve(SERVER_DIRECTORY).resolve(CERTIFICATE_FILE);
  }

  /** {@code <dir>/hub-server/key.pem}: the hub's TLS private key, PKCS#8 PEM. */
  public Path serverKey() {
    return directory.resolve(SERVER_DIRECTORY).resolve(KEY_FILE);
  }

  /** {@code <dir>/hub-signer/cert.pem}: the hub's signing certificate. */
  public Path signingCertificate() {
    return directory.resolve(SIGNER_DIRECTORY).resolve(CERTIFICATE_FILE);
  }

  /** {@code <dir>/hub-signer/key.pem}: the hub's signing key, PKCS#8 PEM. */
  public Path signingKey() {
    return directory.resolve(SIGNER_DIRECTORY).resolve(KEY_FILE);
  }

  private String known(String organisation) {
    if (!organisations.containsKey(organisation)) {
      throw new IllegalArgumentException(
          "organisation: got '" + organisation + "', want one of " + organisations.keySet());
    }
    return organisation;
  }

  private static Map<String, OrganisationIdentity> index(List<OrganisationIdentity> organisations) {
    Map<String, OrganisationIdentity> byName = new LinkedHashMap<>();
    for (OrganisationIdentity identity : organisations) {
      String name = identity.organisation();
      if (!ORGANISATION_NAME.matcher(name).matches()
          || name.equals(SERVER_DIRECTORY)
          || name.equals(SIGNER_DIRECTORY)
          || name.equals(KafkaCredentials.DIRECTORY)) {
        throw new IllegalArgumentException(
            "organisation: got '"
                + name
                + "', want lower-case letters, digits, '-' or '_' (at most 63, not '"
                + SERVER_DIRECTORY
                + "', '"
                + SIGNER_DIRECTORY
                + "' or '"
                + KafkaCredentials.DIRECTORY
                + "')");
      }
      OrganisationIdentity previous = byName.putIfAbsent(name, identity);
      if (previous != null && !previous.equals(identity)) {
        throw new IllegalArgumentException(
            "organisation: got '"
                + name
                + "' as both "
                + previous.role()
                + " and "
                + identity.role()
                + ", want one role per organisation");
      }
    }
    return byName;
  }

  private static void ensurePair(
      DevCertificateAuthority ca,
      Path pairDirectory,
      Supplier<IssuedCredential> issue,
      Consumer<X509Certificate> requirement) {
    Path certificateFile = pairDirectory.resolve(CERTIFICATE_FILE);
    Path keyFile = pairDirectory.resolve(KEY_FILE);
    boolean hasCertificate = Files.exists(certificateFile);
    boolean hasKey = Files.exists(keyFile);
    if (!hasCertificate && !hasKey) {
      IssuedCredential issued = issue.get();
      // Key first, as for the CA: a crash in between is reported, never papered over.
      PemFiles.writePrivateKey(
          keyFile, new KeyPair(issued.certificate().getPublicKey(), issued.privateKey()));
      PemFiles.writeCertificate(certificateFile, issued.certificate());
      return;
    }
    if (hasCertificate != hasKey) {
      throw new CredentialException(
          Code.INCOMPLETE_CREDENTIALS,
          pairDirectory
              + ": has "
              + (hasCertificate ? CERTIFICATE_FILE : KEY_FILE)
              + " but not "
              + (hasCertificate ? KEY_FILE : CERTIFICATE_FILE)
              + "; delete the directory to have both issued again");
    }
    X509Certificate certificate = PemFiles.readCertificates(certificateFile).get(0);
    PrivateKey privateKey = PemFiles.readPrivateKey(keyFile);
    if (!ca.signed(certificate)) {
      throw inconsistent(
          certificateFile,
          "was not issued by the CA in "
              + ca.certificate().getSubjectX500Principal().getName()
              + " (ca.pem)",
          pairDirectory);
    }
    if (!KeyPairs.match(privateKey, certificate.getPublicKey())) {
      throw inconsistent(keyFile, "does not belong to " + CERTIFICATE_FILE, pairDirectory);
    }
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new CredentialException(
          Code.EXPIRED_CREDENTIALS,
          certificateFile
              + ": valid from "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ", not now; delete "
              + pairDirectory
              + " to have it issued again",
          e);
    }
    requirement.accept(certificate);
  }

  private static void requireIdentity(
      X509Certificate certificate, OrganisationIdentity wanted, Path directory) {
    Optional<OrganisationIdentity> found = OrganisationIdentity.fromCertificate(certificate);
    if (!found.equals(Optional.of(wanted))) {
      Path pairDirectory = directory.resolve(wanted.organisation());
      throw inconsistent(
          pairDirectory.resolve(CERTIFICATE_FILE),
          "names " + found.map(Object::toString).orElse("no organisation") + ", want " + wanted,
          pairDirectory);
    }
  }

  private static void requireNames(
      X509Certificate certificate, ServerNames wanted, Path directory) {
    List<String> missing = wanted.missingFrom(certificate);
    if (!missing.isEmpty()) {
      Path pairDirectory = directory.resolve(SERVER_DIRECTORY);
      throw inconsistent(
          pairDirectory.resolve(CERTIFICATE_FILE),
          "lacks the server names " + missing,
          pairDirectory);
    }
  }

  private static void requireSigningIdentity(X509Certificate certificate, Path directory) {
    HubSigningIdentity.problem(certificate)
        .ifPresent(
            problem -> {
              Path pairDirectory = directory.resolve(SIGNER_DIRECTORY);
              throw inconsistent(
                  pairDirectory.resolve(CERTIFICATE_FILE),
                  "is not a hub signing certificate (" + problem + ")",
                  pairDirectory);
            });
  }

  private static BigInteger crlNumber(X509CRL list) {
    byte[] extension = list.getExtensionValue(Extension.cRLNumber.getId());
    if (extension == null) {
      return BigInteger.ZERO;
    }
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
  }

  private static CredentialException inconsistent(Path file, String problem, Path toDelete) {
    return new CredentialException(
        Code.INCONSISTENT_CREDENTIALS,
        file + ": " + problem + "; delete " + toDelete + " to have it issued again");
  }
}
