package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who the gateway lets in, tried as an attacker would: a revoked certificate, a Kafka client's
 * certificate from the same CA, an old TLS version and a weak cipher suite. (A certificate with an
 * organisation's subject from another CA: {@code IngestGatewayIT}.)
 */
class ClientCertificateIT {
  private static Path dataDir;
  private static TestHub hub;

  @BeforeAll
  static void startHubWithARevokedPlatform() {
    dataDir = TempDirectories.create("revoked");
    // The CA revokes platform-3 before the hub starts; the hub reads the list when it starts.
    DevCredentials.ensure(dataDir.resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS)
        .revoke("platform-3");
    hub = TestHub.start(dataDir);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
    TempDirectories.delete(dataDir);
  }

  @Test
  void aRevokedCertificateIsRefusedAtTheHandshake() {
    assertThatThrownBy(() -> hub.postJson("platform-3", Batches.validBatch("b-rev", "rev", 1)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aCertificateTheListDoesNotNameIsServed() throws Exception {
    HttpResponse<String> response =
        hub.postJson("platform-2", Batches.validBatch("b-kept", "kept", 1));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aKafkaClientCertificateNamesNoOrganisation() throws Exception {
    Path kafka = hub.hub().credentialsDir().resolve(KafkaCredentials.DIRECTORY).resolve("gateway");
    SSLContext context =
        TlsContexts.clientContext(
            kafka.resolve("cert.pem"),
            kafka.resolve("key.pem"),
            hub.hub().credentialsDir().resolve("ca.pem"));
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .sslContext(context)
            .build()
            .send(eventsRequest("b-kafka"), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
        .isEqualTo("UNKNOWN_ROLE");
  }

  @Test
  void aWeakCipherSuiteIsRefused() {
    // CBC with HMAC-SHA256: allowed by the JDK's defaults, not by the hub's policy.
    HttpClient weak = client("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "platform-1");
    assertThatThrownBy(
            () -> weak.send(eventsRequest("b-weak"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void tls12WithAnAeadSuiteIsServed() throws Exception {
    HttpClient tls12 = client("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "platform-1");
    HttpResponse<String> response =
        tls12.send(eventsRequest("b-tls12"), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void tls11IsRefused() throws Exception {
    // The JDK will not even offer TLS 1.1 any more, so the hello is written by hand.
    assertThat(firstRecordType(clientHello(0x0302, 0xC009))).isNotEqualTo(HANDSHAKE);
  }

  @Test
  void theHandWrittenHelloIsAnsweredWhenItOffersTls12AndAnAeadSuite() throws Exception {
    // The control for tls11IsRefused: the same hello with the version and suite the hub accepts.
    assertThat(firstRecordType(clientHello(0x0303, 0xC02B))).isEqualTo(HANDSHAKE);
  }

  private static final int HANDSHAKE = 0x16;

  /** A batch signed as platform-1, whichever certificate then carries it. */
  private static HttpRequest eventsRequest(String batchId) {
    byte[] body = Batches.validBatch(batchId, batchId, 1).getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events"))
        .header("content-type", "application/json")
        .header(BatchSignature.HEADER, BatchSignature.sign(hub.privateKey("platform-1"), body))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static HttpClient client(String protocol, String suite, String organisation) {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {protocol});
    parameters.setCipherSuites(new String[] {suite});
    return HttpClient.newBuilder()
        .sslContext(hub.sslContext(organisation))
        .sslParameters(parameters)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The content type of the first record the gateway answers a hello with; -1 if it hangs up. */
  private static int firstRecordType(byte[] hello) throws IOException {
    try (Socket socket = new Socket(hub.hub().apiUrl().getHost(), hub.hub().apiUrl().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(hello);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return in.read();
    }
  }

  /**
   * A minimal ClientHello offering at most {@code version} (0x0302 is TLS 1.1, 0x0303 TLS 1.2) and
   * one cipher suite, with the extensions an ECDSA server needs: P-256 and ECDSA-SHA256.
   */
  private static byte[] clientHello(int version, int suite) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    writeExtension(extensions, 0x000a, new byte[] {0, 2, 0, 0x17}); // supported_groups: P-256
    writeExtension(extensions, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
    writeExtension(extensions, 0x000d, new byte[] {0, 2, 4, 3}); // signature_algorithms
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version & 0xff);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    body.writeBytes(new byte[] {0, 2, (byte) (suite >> 8), (byte) suite});
    body.writeBytes(new byte[] {1, 0}); // compression: none
    byte[] ext = extensions.toByteArray();
    body.write(ext.length >> 8);
    body.write(ext.length & 0xff);
    body.writeBytes(ext);
    byte[] hello = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(new byte[] {HANDSHAKE, 3, 1});
    int handshakeLength = hello.length + 4;
    record.write(handshakeLength >> 8);
    record.write(handshakeLength & 0xff);
    record.write(1); // client_hello
    record.write(0);
    record.write(hello.length >> 8);
    record.write(hello.length & 0xff);
    record.writeBytes(hello);
    return record.toByteArray();
  }

  private static void writeExtension(ByteArrayOutputStream out, int type, byte[] data) {
    out.write(type >> 8);
    out.write(type & 0xff);
    out.write(data.length >> 8);
    out.write(data.length & 0xff);
    out.writeBytes(data);
  }
}
