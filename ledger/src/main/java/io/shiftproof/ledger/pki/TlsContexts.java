package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.KeyPairs;
import io.shiftproof.ledger.crypto.P256;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSSE contexts for mutual TLS built straight from the PEM files of the credential layout, so no
 * keystore file has to be derived and kept in step with them.
 *
 * <p>A client context suits {@code java.net.http.HttpClient.newBuilder().sslContext(...)}. The same
 * material serves a server; the server must still ask for client certificates ({@code
 * SSLParameters#setNeedClientAuth(true)}).
 */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * A context that presents {@code certificatePem} (leaf first, then any intermediates) with the
   * key in {@code privateKeyPem}, and trusts only the certificates in {@code caPem}.
   */
  public static SSLContext clientContext(Path certificatePem, Path privateKeyPem, Path caPem) {
    return mutualTlsContext(certificatePem, privateKeyPem, caPem);
  }

  /**
   * A server-side context: presents the server certificate and trusts client certificates issued by
   * the CAs in {@code caPem}.
   */
  public static SSLContext serverContext(Path certificatePem, Path privateKeyPem, Path caPem) {
    return mutualTlsContext(certificatePem, privateKeyPem, caPem);
  }

  /** The first certificate in a PEM file. */
  public static X509Certificate loadCertificate(Path pem) {
    return PemFiles.readCertificates(pem).get(0);
  }

  /** Every certificate in a PEM file, in file order. */
  public static List<X509Certificate> loadCertificates(Path pem) {
    return PemFiles.readCertificates(pem);
  }

  private static SSLContext mutualTlsContext(Path certificatePem, Path privateKeyPem, Path caPem) {
    List<X509Certificate> chain = PemFiles.readCertificates(certificatePem);
    PrivateKey privateKey = PemFiles.readPrivateKey(privateKeyPem);
    List<X509Certificate> authorities = PemFiles.readCertificates(caPem);
    // Swapped or stale key files otherwise surface only as an opaque handshake failure.
    if (P256.isP256(privateKey) && !KeyPairs.match(privateKey, chain.get(0).getPublicKey())) {
      throw new CredentialException(
          CredentialException.Code.INCONSISTENT_CREDENTIALS,
          privateKeyPem + ": the key does not belong to the certificate in " + certificatePem);
    }
    try {
      // The keystore lives only in memory; its password protects nothing and is never shown.
      char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("identity", privateKey, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new CredentialException(
          CredentialException.Code.UNSUPPORTED_KEY,
          "cannot build a TLS context from "
              + certificatePem
              + " and "
              + privateKeyPem
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
