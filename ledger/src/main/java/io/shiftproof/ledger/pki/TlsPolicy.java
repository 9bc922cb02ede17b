package io.shiftproof.ledger.pki;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS versions and cipher suites every Shiftproof endpoint offers and accepts: the gateway's
 * HTTPS API and every Kafka connection. TLS 1.3, and TLS 1.2 with forward-secret (ECDHE) AEAD
 * suites only; older versions, CBC suites and static-key exchanges are refused at the handshake.
 */
public final class TlsPolicy {
  private TlsPolicy() {}

  /** The protocol versions, preferred first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The TLS 1.3 suites (all of them AEAD by construction), preferred first. */
  public static final List<String> TLS13_CIPHER_SUITES =
      List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

  /**
   * The TLS 1.2 suites: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305. The RSA ones serve an
   * organisation CA that issues RSA certificates; the development CA issues P-256 (ECDSA).
   */
  public static final List<String> TLS12_CIPHER_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** Every suite of both versions, TLS 1.3 first: what an engine's enabled suites are set to. */
  public static List<String> cipherSuites() {
    List<String> all = new ArrayList<>(TLS13_CIPHER_SUITES);
    all.addAll(TLS12_CIPHER_SUITES);
    return List.copyOf(all);
  }
}
