package io.shiftproof.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing and verification against RFC 6979 A.2.5 (ECDSA, P-256, SHA-256) and the JDK; the checks
 * against OpenSSL, which go through key files, are {@code PemKeysTest}'s.
 */
class EcdsaP256SignatureTest {
  private static final HexFormat HEX = HexFormat.of();

  // RFC 6979, appendix A.2.5: the P-256 key pair.
  private static final BigInteger RFC_PRIVATE =
      new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
  private static final BigInteger RFC_UX =
      new BigInteger("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", 16);
  private static final BigInteger RFC_UY =
      new BigInteger("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", 16);
  // RFC 6979, appendix A.2.5: "With SHA-256, message = 'sample'" and "... = 'test'".
  private static final String SAMPLE_R =
      "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716";
  private static final String SAMPLE_S =
      "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8";
  private static final String TEST_R =
      "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367";
  private static final String TEST_S =
      "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083";

  @Test
  void signsTheRfc6979VectorsExactly() throws Exception {
    EcdsaP256Signer signer = EcdsaP256Signer.of(rfcPrivateKey());

    assertThat(signer.signBytes(ascii("sample"))).isEqualTo(der(SAMPLE_R, SAMPLE_S));
    assertThat(signer.signBytes(ascii("test"))).isEqualTo(der(TEST_R, TEST_S));
  }

  @Test
  void verifiesTheRfc6979Signatures() throws Exception {
    EcdsaP256Verifier verifier = EcdsaP256Verifier.of(rfcPublicKey());

    assertThat(verifier.verifyBytes(ascii("sample"), der(SAMPLE_R, SAMPLE_S))).isTrue();
    assertThat(verifier.verifyBytes(ascii("test"), der(TEST_R, TEST_S))).isTrue();
  }

  @Test
  void rejectsSignatureOfAnotherMessage() throws Exception {
    EcdsaP256Verifier verifier = EcdsaP256Verifier.of(rfcPublicKey());

    assertThat(verifier.verifyBytes(ascii("test"), der(SAMPLE_R, SAMPLE_S))).isFalse();
    assertThat(verifier.verifyBytes(ascii("samplf"), der(SAMPLE_R, SAMPLE_S))).isFalse();
  }

  @Test
  void malformedSignaturesAreInvalidNotErrors() throws Exception {
    EcdsaP256Verifier verifier = EcdsaP256Verifier.of(rfcPublicKey());
    byte[] message = ascii("sample");
    byte[] valid = der(SAMPLE_R, SAMPLE_S);
    byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 1);
    byte[] flipped = valid.clone();
    flipped[10] ^= 0x01;
    String n = P256.order().toString(16);

    for (byte[] signature :
        List.of(
            new byte[0],
            new byte[] {0x30, 0x00},
            HEX.parseHex("00112233"),
            trailing,
            truncated,
            flipped,
            longFormLength(valid),
            derOf(BigInteger.ZERO, BigInteger.ZERO),
            der(n, SAMPLE_S),
            rawConcatenation(SAMPLE_R, SAMPLE_S))) {
      assertThat(verifier.verifyBytes(message, signature)).as(HEX.formatHex(signature)).isFalse();
    }
  }

  @Test
  void signaturesAreDeterministicAndVerifyWithTheJdk() throws Exception {
    EcdsaP256Signer signer = EcdsaP256Signer.of(rfcPrivateKey());
    byte[] message = ascii("a batch of work-session events");

    byte[] first = signer.signBytes(message);

    assertThat(signer.signBytes(message)).isEqualTo(first);
    java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(rfcPublicKey());
    jdk.update(message);
    assertThat(jdk.verify(first)).isTrue();
  }

  /**
   * The verifier's own arithmetic against the JDK's, both ways, for random keys and messages: what
   * the JDK signs verifies here, and a signature moved to another key or message does not.
   */
  @Test
  void agreesWithTheJdkOnRandomKeysAndMessages() throws Exception {
    java.util.Random random = new java.util.Random(11);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    for (int i = 0; i < 50; i++) {
      var pair = generator.generateKeyPair();
      var other = generator.generateKeyPair();
      byte[] message = new byte[random.nextInt(3000)];
      random.nextBytes(message);
      java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
      jdk.initSign(pair.getPrivate());
      jdk.update(message);
      byte[] signature = jdk.sign();

      assertThat(EcdsaP256Verifier.of(pair.getPublic()).verifyBytes(message, signature)).isTrue();
      assertThat(EcdsaP256Verifier.of(other.getPublic()).verifyBytes(message, signature)).isFalse();
      byte[] changed = java.util.Arrays.copyOf(message, message.length + 1);
      assertThat(EcdsaP256Verifier.of(pair.getPublic()).verifyBytes(changed, signature)).isFalse();
    }
  }

  @Test
  void refusesKeysOnOtherCurves() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    var p384 = generator.generateKeyPair();

    assertThatThrownBy(() -> EcdsaP256Signer.of(p384.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want an EC P-256 key");
    assertThatThrownBy(() -> EcdsaP256Verifier.of(p384.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ECParameterSpec p256() throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  private static PrivateKey rfcPrivateKey() throws Exception {
    return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(RFC_PRIVATE, p256()));
  }

  private static PublicKey rfcPublicKey() throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(new ECPoint(RFC_UX, RFC_UY), p256()));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] der(String r, String s) {
    return derOf(new BigInteger(r, 16), new BigInteger(s, 16));
  }

  /** SEQUENCE { INTEGER r, INTEGER s }, hand-encoded so the test relies on no ASN.1 library. */
  private static byte[] derOf(BigInteger r, BigInteger s) {
    byte[] rBytes = integer(r);
    byte[] sBytes = integer(s);
    byte[] out = new byte[2 + rBytes.length + sBytes.length];
    out[0] = 0x30;
    out[1] = (byte) (rBytes.length + sBytes.length);
    System.arraycopy(rBytes, 0, out, 2, rBytes.length);
    System.arraycopy(sBytes, 0, out, 2 + rBytes.length, sBytes.length);
    return out;
  }

  private static byte[] integer(BigInteger value) {
    byte[] content = value.toByteArray();
    byte[] out = new byte[2 + content.length];
    out[0] = 0x02;
    out[1] = (byte) content.length;
    System.arraycopy(content, 0, out, 2, content.length);
    return out;
  }

  /** The same signature with its outer length in BER long form: valid BER, not DER. */
  private static byte[] longFormLength(byte[] der) {
    byte[] out = new byte[der.length + 1];
    out[0] = 0x30;
    out[1] = (byte) 0x81;
    out[2] = der[1];
    System.arraycopy(der, 2, out, 3, der.length - 2);
    return out;
  }

  private static byte[] rawConcatenation(String r, String s) {
    return HEX.parseHex(r + s);
  }
}
