package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.KeyPairs;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.pki.CredentialException.Code;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of a development hub: a self-signed P-256 CA kept as {@code ca.pem} and
 * {@code ca-key.pem} in a directory, issuing organisations' client certificates (role in the OU, as
 * Fabric MSP identities), the hub's TLS server certificate and the hub's signing certificate.
 *
 * <p>It is meant for one machine and for tests. A production hub's CA lives elsewhere (an HSM, a
 * Fabric CA); only its certificates reach the hub.
 */
public final class DevCertificateAuthority {
  /** File name of the CA certificate inside the CA directory. */
  public static final String CERTIFICATE_FILE = "ca.pem";

  /** File name of the CA private key inside the CA directory (owner-only). */
  public static final String KEY_FILE = "ca-key.pem";

  /** How long the CA certificate is valid. */
  public static final Duration CA_VALIDITY = Duration.ofDays(10 * 365);

  /** How long issued certificates are valid, capped at the CA's own expiry. */
  public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(2 * 365);

  /** How long a revocation list issued by the CA is current. */
  public static final Duration CRL_VALIDITY = Duration.ofDays(30);

  /** The O of every subject the CA writes, so a dev certificate is recognisable as one. */
  public static final String ORGANISATION = "Shiftproof Dev";

  // Machines' clocks disagree a little; a certificate valid from "now" would fail on a peer
  // whose clock runs behind.
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SERVER_COMMON_NAME = "shiftproof-hub";

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Clock clock;
  private final SecureRandom random;

  private DevCertificateAuthority(
      X509Certificate certificate, PrivateKey privateKey, Clock clock, SecureRandom random) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clock = clock;
    this.random = random;
  }

  /** Loads the CA in {@code directory}, or creates it there when neither file exists. */
  public static DevCertificateAuthority loadOrCreate(Path directory) {
    return loadOrCreate(directory, Clock.systemUTC());
  }

  /**
   * Like {@link #loadOrCreate(Path)}, with the clock that dates new certificates.
   *
   * @throws CredentialException {@code INCOMPLETE_CREDENTIALS} when only one of the two files
   *     exists, {@code INCONSISTENT_CREDENTIALS} when the key does not belong to the certificate or
   *     the certificate is not a CA
   */
  public static DevCertificateAuthority loadOrCreate(Path directory, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Path certificateFile = directory.resolve(CERTIFICATE_FILE);
    Path keyFile = directory.resolve(KEY_FILE);
    boolean hasCertificate = Files.exists(certificateFile);
    boolean hasKey = Files.exists(keyFile);
    SecureRandom random = new SecureRandom();
    if (hasCertificate && hasKey) {
      return load(certificateFile, keyFile, clock, random);
    }
    if (hasCertificate || hasKey) {
      throw new CredentialException(
          Code.INCOMPLETE_CREDENTIALS,
          directory
              + ": has "
              + (hasCertificate ? CERTIFICATE_FILE : KEY_FILE)
              + " but not "
              + (hasCertificate ? KEY_FILE : CERTIFICATE_FILE)
              + "; restore the missing file, or delete the directory to start a new CA"
              + " (every certificate it issued must then be issued again)");
    }
    DevCertificateAuthority created = create(clock, random);
    KeyPair keyPair = new KeyPair(created.certificate.getPublicKey(), created.privateKey);
    // Key first: a crash in between leaves a key without certificate, which is reported above
    // rather than silently replaced by a CA that nobody trusts yet.
    PemFiles.writePrivateKey(keyFile, keyPair);
    PemFiles.writeCertificate(certificateFile, created.certificate);
    return created;
  }

  /** The CA certificate that clients and the hub trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a client certificate for an organisation: subject {@code CN=<organisation>, OU=<role>,
   * O=Shiftproof Dev}, extendedKeyUsage clientAuth, keyUsage digitalSignature.
   */
  public IssuedCredential issueClientCertificate(OrganisationIdentity identity) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.OU, identity.role().ou())
            .addRDN(BCStyle.CN, identity.organisation())
            .build();
    return issue(subject, null, KeyPurposeId.id_kp_clientAuth);
  }

  /**
   * Issues the certificate of a Kafka client or broker: subject {@code CN=<name>, OU=kafka,
   * O=Shiftproof Dev} ({@link KafkaCredentials}). A client certificate has extendedKeyUsage
   * clientAuth; the broker's has serverAuth and clientAuth (it is also a client of its own
   * controller) and the subjectAltNames of {@link KafkaCredentials#BROKER_NAMES}. The OU names no
   * {@link io.shiftproof.ledger.identity.Role}, so the gateway refuses these certificates as
   * organisations.
   */
  public IssuedCredential issueKafkaCertificate(String name, boolean broker) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.OU, KafkaCredentials.OU)
            .addRDN(BCStyle.CN, name)
            .build();
    return broker
        ? issue(
            subject,
            ServerNames.withLoopbackAnd(KafkaCredentials.BROKER_NAMES),
            KeyPurposeId.id_kp_serverAuth,
            KeyPurposeId.id_kp_clientAuth)
        : issue(subject, null, KeyPurposeId.id_kp_clientAuth);
  }

  /**
   * A certificate revocation list signed by this CA, listing {@code revokedSerials}, valid for
   * {@link #CRL_VALIDITY}.
   *
   * @param number the CRL number, increasing with every list issued
   */
  public X509CRL issueRevocationList(Collection<BigInteger> revokedSerials, BigInteger number) {
    Instant now = clock.instant();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            Date.from(now.minus(BACKDATE)));
    builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
    for (BigInteger serial : revokedSerials) {
      builder.addCRLEntry(serial, Date.from(now), CRLReason.keyCompromise);
    }
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      ContentSigner signer =
          new JcaContentSignerBuilder(P256.SIGNATURE_ALGORITHM).build(privateKey);
      return new JcaX509CRLConverter().getCRL(builder.build(signer));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a revocation list", e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK offers no " + P256.SIGNATURE_ALGORITHM, e);
    }
  }

  /**
   * Issues the hub's TLS server certificate: extendedKeyUsage serverAuth, subjectAltName {@code
   * localhost}, {@code 127.0.0.1}, {@code ::1} and {@code extraNames} (DNS names or IP literals).
   */
  public IssuedCredential issueServerCertificate(List<String> extraNames) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.CN, SERVER_COMMON_NAME)
            .build();
    return issue(subject, ServerNames.withLoopbackAnd(extraNames), KeyPurposeId.id_kp_serverAuth);
  }

  /**
   * Issues the hub's signing certificate, which signs ledger entries and evidence and nothing else:
   * subject {@code CN=shiftproof-hub, OU=hub-signer, O=Shiftproof Dev}, keyUsage digitalSignature
   * only and no extendedKeyUsage, so it cannot serve TLS (see {@link HubSigningIdentity}).
   */
  public IssuedCredential issueHubSigningCertificate() {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.OU, HubSigningIdentity.ROLE)
            .addRDN(BCStyle.CN, SERVER_COMMON_NAME)
            .build();
    return issue(subject, null);
  }

  /** Whether this CA's key signed the certificate. */
  boolean signed(X509Certificate candidate) {
    try {
      candidate.verify(certificate.getPublicKey());
      return candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private IssuedCredential issue(X500Name subject, ServerNames names, KeyPurposeId... purposes) {
    KeyPair keyPair = P256.generateKeyPair(random);
    Instant now = clock.instant();
    Instant notAfter = min(now.plus(CERTIFICATE_VALIDITY), certificate.getNotAfter().toInstant());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serialNumber(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(notAfter),
                  subject,
                  keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate));
      // No purposes: a certificate for signing only, which no TLS endpoint accepts.
      if (purposes.length > 0) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      }
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames());
      }
      return new IssuedCredential(sign(builder, privateKey), keyPair.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a certificate for " + subject, e);
    }
  }

  private static DevCertificateAuthority create(Clock clock, SecureRandom random) {
    KeyPair keyPair = P256.generateKeyPair(random);
    Instant now = clock.instant();
    // A random suffix tells two dev CAs apart in error messages and in the trust stores that
    // hold them; otherwise "unable to find valid certification path" hides which CA is which.
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.CN, "Shiftproof Dev CA " + HexFormat.of().formatHex(suffix))
            .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serialNumber(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(CA_VALIDITY)),
                  subject,
                  keyPair.getPublic())
              // Path length 0: the dev CA signs end-entity certificates only, never another CA.
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
      X509Certificate certificate = sign(builder, keyPair.getPrivate());
      return new DevCertificateAuthority(certificate, keyPair.getPrivate(), clock, random);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  private static DevCertificateAuthority load(
      Path certificateFile, Path keyFile, Clock clock, SecureRandom random) {
    X509Certificate certificate = PemFiles.readCertificates(certificateFile).get(0);
    PrivateKey privateKey = PemFiles.readPrivateKey(keyFile);
    if (certificate.getBasicConstraints() < 0) {
      throw new CredentialException(
          Code.INCONSISTENT_CREDENTIALS,
          certificateFile + ": got a certificate that is not a CA, want the dev CA certificate");
    }
    if (!KeyPairs.match(privateKey, certificate.getPublicKey())) {
      throw new CredentialException(
          Code.INCONSISTENT_CREDENTIALS,
          keyFile
              + ": the key does not belong to "
              + certificateFile
              + "; restore the matching pair or delete both to start a new CA");
    }
    return new DevCertificateAuthority(certificate, privateKey, clock, random);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws CertificateException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(P256.SIGNATURE_ALGORITHM).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK offers no " + P256.SIGNATURE_ALGORITHM, e);
    }
  }

  /**
   * A random positive serial of at most 159 bits: unpredictable (as the CA/Browser Forum asks, at
   * least 64 random bits) and within the 20 octets RFC 5280 allows.
   */
  private static BigInteger serialNumber(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(159, random);
    } while (serial.signum() == 0);
    return serial;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
