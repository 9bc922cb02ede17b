package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys read from PEM files sign and verify, checked against OpenSSL, an independent implementation
 * that writes and reads the same files.
 */
class PemKeysTest {
  private static final SignatureContext BATCH = SignatureContext.PLATFORM_BATCH;

  @TempDir Path dir;

  @Test
  void rejectsSignatureByAnotherKey() throws Exception {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    byte[] batch = ascii("batch-42");
    byte[] signature = PemKeys.signer(credentials.privateKey("platform-1")).sign(BATCH, batch);

    assertThat(
            PemKeys.verifier(credentials.certificate("platform-1")).verify(BATCH, batch, signature))
        .isTrue();
    assertThat(
            PemKeys.verifier(credentials.certificate("platform-2")).verify(BATCH, batch, signature))
        .isFalse();
  }

  @Test
  void verifiesSignatureMadeByOpenssl() throws Exception {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    Path key = dir.resolve("key.pem");
    Path certificate = dir.resolve("cert.pem");
    byte[] batch = ascii("{\"events\":[]}");
    // OpenSSL signs the framed bytes: context, 0x00, then the batch.
    Path message = Files.write(dir.resolve("batch.json"), BATCH.frame(batch));
    Path signature = dir.resolve("batch.sig");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
    openssl(
        "req",
        "-new",
        "-x509",
        "-key",
        key,
        "-subj",
        "/CN=openssl",
        "-days",
        "1",
        "-out",
        certificate);
    openssl("dgst", "-sha256", "-sign", key, "-out", signature, message);

    Verifier verifier = PemKeys.verifier(certificate);

    assertThat(verifier.verify(BATCH, batch, Files.readAllBytes(signature))).isTrue();
    assertThat(verifier.verify(BATCH, ascii("{\"events\":[1]}"), Files.readAllBytes(signature)))
        .isFalse();
    assertThat(
            verifier.verify(SignatureContext.CLAIM_DECISION, batch, Files.readAllBytes(signature)))
        .isFalse();
  }

  @Test
  void opensslVerifiesOurSignatureWithAKeyOpensslWrote() throws Exception {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    Path key = dir.resolve("key.pem");
    Path publicKey = dir.resolve("public.pem");
    byte[] batch = ascii("{\"events\":[]}");
    Path message = Files.write(dir.resolve("batch.framed"), BATCH.frame(batch));
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
    openssl("pkey", "-in", key, "-pubout", "-out", publicKey);
    Path signature = Files.write(dir.resolve("batch.sig"), PemKeys.signer(key).sign(BATCH, batch));

    assertThat(openssl("dgst", "-sha256", "-verify", publicKey, "-signature", signature, message))
        .contains("Verified OK");
  }

  @Test
  void readsSec1KeysAsWellAsPkcs8() throws Exception {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    Path pkcs8 = dir.resolve("key.pem");
    Path sec1 = dir.resolve("ec-key.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pkcs8);
    openssl("ec", "-in", pkcs8, "-out", sec1);
    assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

    byte[] message = ascii("sample");
    // Deterministic signing: the same key gives the same bytes whichever file it came from.
    assertThat(PemKeys.signer(sec1).sign(BATCH, message))
        .isEqualTo(PemKeys.signer(pkcs8).sign(BATCH, message));
  }

  @Test
  void refusesKeyFileOnAnotherCurve() throws Exception {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    Path key = dir.resolve("p384.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key);

    assertThatThrownBy(() -> PemKeys.signer(key))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.UNSUPPORTED_KEY));
  }

  @Test
  void refusesEncryptedKeyFileWithAHint() throws Exception {
    assumeTrue(ExternalTool.available("openssl"), "openssl is not installed");
    Path key = dir.resolve("key.pem");
    Path encrypted = dir.resolve("encrypted.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
    openssl("pkcs8", "-topk8", "-in", key, "-out", encrypted, "-passout", "pass:secret");

    assertThatThrownBy(() -> PemKeys.signer(encrypted))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.UNSUPPORTED_KEY))
        .hasMessageContaining("encrypted");
  }

  private static String openssl(Object... arguments) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    for (Object argument : arguments) {
      command.add(argument.toString());
    }
    ExternalTool.Result result = ExternalTool.run(command);
    assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    return result.output();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
