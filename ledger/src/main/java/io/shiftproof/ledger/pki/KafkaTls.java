package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.KeyPairs;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mutual-TLS material of one Kafka identity, as the properties Kafka clients and brokers take:
 * PEM text inline ({@code ssl.keystore.type=PEM}), so no keystore file has to be derived from the
 * credential layout, and the versions and suites of {@link TlsPolicy}.
 *
 * @param caCertificate the CA(s) trusted for the other side, a PEM file
 * @param certificate this side's certificate chain, leaf first, a PEM file
 * @param privateKey its unencrypted private key, PKCS#8 or SEC 1 PEM
 */
public record KafkaTls(Path caCertificate, Path certificate, Path privateKey) {

  public KafkaTls {
    Objects.requireNonNull(caCertificate, "caCertificate");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The files of a Kafka identity in a development credentials directory. */
  public static KafkaTls development(Path credentialsDir, String name) {
    Path dir = credentialsDir.resolve(KafkaCredentials.DIRECTORY).resolve(name);
    return new KafkaTls(
        credentialsDir.resolve(DevCertificateAuthority.CERTIFICATE_FILE),
        dir.resolve(DevCredentials.CERTIFICATE_FILE),
        dir.resolve(DevCredentials.KEY_FILE));
  }

  /**
   * A client's settings: {@code security.protocol=SSL} and {@link #sslProperties()}.
   *
   * @throws CredentialException naming the file when one is missing or unusable
   */
  public Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SSL");
    p.putAll(sslProperties());
    return p;
  }

  /**
   * The {@code ssl.*} settings alone, which a broker takes for its listeners. The host name of the
   * other side is checked against its certificate (Kafka's default, stated here so nobody turns it
   * off by accident).
   *
   * @throws CredentialException naming the file when one is missing or unusable
   */
  public Map<String, String> sslProperties() {
    List<X509Certificate> chain = PemFiles.readCertificates(certificate);
    PrivateKey key = PemFiles.readPrivateKey(privateKey);
    if (!KeyPairs.match(key, chain.get(0).getPublicKey())) {
      throw new CredentialException(
          CredentialException.Code.INCONSISTENT_CREDENTIALS,
          privateKey + ": the key does not belong to the certificate in " + certificate);
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.certificate.chain", PemFiles.certificatesPem(chain));
    p.put("ssl.keystore.key", PemFiles.privateKeyPem(key));
    p.put("ssl.truststore.type", "PEM");
    p.put(
        "ssl.truststore.certificates",
        PemFiles.certificatesPem(PemFiles.readCertificates(caCertificate)));
    p.put("ssl.protocol", TlsPolicy.PROTOCOLS.get(0));
    p.put("ssl.enabled.protocols", String.join(",", TlsPolicy.PROTOCOLS));
    p.put("ssl.cipher.suites", String.join(",", TlsPolicy.cipherSuites()));
    p.put("ssl.endpoint.identification.algorithm", "https");
    return p;
  }
}
