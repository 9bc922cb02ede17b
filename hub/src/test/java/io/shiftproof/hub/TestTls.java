package io.shiftproof.hub;

import io.shiftproof.ledger.pki.IssuedCredential;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for clients the hub must refuse: no certificate, or one from a foreign CA. */
public final class TestTls {
  private TestTls() {}

  /** A client context presenting {@code credential} (or nothing) and trusting {@code ca}. */
  public static SSLContext context(IssuedCredential credential, X509Certificate ca)
      throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (credential != null) {
      keys.setKeyEntry(
          "client",
          credential.privateKey(),
          password,
          new Certificate[] {credential.certificate()});
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
