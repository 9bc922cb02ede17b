package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
  @TempDir Path dir;
  @TempDir Path otherDir;

  private DevCredentials credentials;

  @BeforeEach
  void issueCredentials() {
    credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
  }

  @Test
  void serverSeesTheClientsOrganisationAndRoleAfterMutualTlsHandshake() throws Exception {
    try (SSLServerSocket server = hubServerSocket()) {
      CompletableFuture<OrganisationIdentity> seen =
          CompletableFuture.supplyAsync(() -> acceptAndIdentify(server));

      try (SSLSocket client = clientSocket(clientContext("platform-2"), server.getLocalPort())) {
        client.getOutputStream().write(1);
        client.getOutputStream().flush();
        assertThat(client.getInputStream().read()).isEqualTo(1);
      }

      assertThat(seen.get(10, TimeUnit.SECONDS))
          .isEqualTo(new OrganisationIdentity("platform-2", Role.PLATFORM));
    }
  }

  @Test
  void serverRefusesClientCertificateFromAnotherCa() throws Exception {
    DevCredentials foreign = DevCredentials.ensure(otherDir, DevCredentials.STANDARD_ORGANISATIONS);
    // Trusts the hub's CA, so only the client certificate can make the handshake fail.
    SSLContext impostor =
        TlsContexts.clientContext(
            foreign.certificate("platform-1"),
            foreign.privateKey("platform-1"),
            credentials.caCertificate());

    // A JDK client offers no certificate the server's CA list does not name.
    assertThat(serverFailureFor(impostor))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("Empty client certificate chain");
  }

  @Test
  void serverRefusesForeignClientCertificateEvenWhenItIsPresented() throws Exception {
    DevCredentials foreign = DevCredentials.ensure(otherDir, DevCredentials.STANDARD_ORGANISATIONS);
    // Unlike the JDK, curl and OpenSSL present their certificate whatever CAs the server names;
    // this client does the same, so the server's own chain check is what refuses it.
    SSLContext insistentImpostor =
        alwaysPresenting(
            foreign.certificate("platform-1"),
            foreign.privateKey("platform-1"),
            credentials.caCertificate());

    assertThat(serverFailureFor(insistentImpostor))
        .isInstanceOf(SSLHandshakeException.class)
        .hasRootCauseInstanceOf(CertPathBuilderException.class);
  }

  /** What the hub's server socket throws when {@code client} connects to it. */
  private Throwable serverFailureFor(SSLContext client) throws Exception {
    try (SSLServerSocket server = hubServerSocket()) {
      CompletableFuture<OrganisationIdentity> seen =
          CompletableFuture.supplyAsync(() -> acceptAndIdentify(server));

      assertThatThrownBy(
              () -> {
                try (SSLSocket socket = clientSocket(client, server.getLocalPort())) {
                  socket.getOutputStream().write(1);
                  socket.getOutputStream().flush();
                  // TLS 1.3 reports the server's rejection of the client certificate on read.
                  socket.getInputStream().read();
                }
              })
          .isInstanceOf(IOException.class);

      try {
        seen.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        return e.getCause().getCause();
      }
      throw new AssertionError("the server accepted the client");
    }
  }

  /** A client context whose key manager presents its certificate to any server. */
  private static SSLContext alwaysPresenting(Path certificate, Path key, Path ca) throws Exception {
    X509Certificate[] chain =
        PemFiles.readCertificates(certificate).toArray(X509Certificate[]::new);
    PrivateKey privateKey = PemFiles.readPrivateKey(key);
    X509ExtendedKeyManager keyManager =
        new X509ExtendedKeyManager() {
          @Override
          public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return "client";
          }

          @Override
          public X509Certificate[] getCertificateChain(String alias) {
            return chain;
          }

          @Override
          public PrivateKey getPrivateKey(String alias) {
            return privateKey;
          }

          @Override
          public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
          }

          @Override
          public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
          }

          @Override
          public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
          }
        };
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", TlsContexts.loadCertificate(ca));
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {keyManager}, trustManagers.getTrustManagers(), null);
    return context;
  }

  @Test
  void clientRefusesServerFromAnotherCa() throws Exception {
    DevCredentials foreign = DevCredentials.ensure(otherDir, DevCredentials.STANDARD_ORGANISATIONS);
    SSLContext trustsOnlyTheOtherCa =
        TlsContexts.clientContext(
            credentials.certificate("platform-1"),
            credentials.privateKey("platform-1"),
            foreign.caCertificate());

    try (SSLServerSocket server = hubServerSocket()) {
      CompletableFuture.runAsync(() -> acceptAndIdentify(server));

      assertThatThrownBy(
              () -> {
                try (SSLSocket client = clientSocket(trustsOnlyTheOtherCa, server.getLocalPort())) {
                  client.startHandshake();
                }
              })
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void httpClientCallsTheHubOverMutualTlsByNameAndAddress() throws Exception {
    HttpsServer server = whoAmIServer();
    try {
      HttpClient client = HttpClient.newBuilder().sslContext(clientContext("insurer-1")).build();
      for (String host : List.of("localhost", "127.0.0.1")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://" + host + ":" + server.getAddress().getPort() + "/whoami"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(host).isEqualTo(200);
        assertThat(response.body()).as(host).isEqualTo("insurer-1 INSURER");
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void curlCallsTheHubWithTheDevCredentialFiles() throws Exception {
    assumeTrue(ExternalTool.available("curl"), "curl is not installed");
    HttpsServer server = whoAmIServer();
    try {
      ExternalTool.Result result =
          ExternalTool.run(
              List.of(
                  "curl",
                  "--silent",
                  "--show-error",
                  "--fail",
                  "--cert",
                  credentials.certificate("regulator").toString(),
                  "--key",
                  credentials.privateKey("regulator").toString(),
                  "--cacert",
                  credentials.caCertificate().toString(),
                  "https://localhost:" + server.getAddress().getPort() + "/whoami"));

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).isEqualTo("regulator REGULATOR");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusesKeyThatDoesNotBelongToTheCertificate() {
    assertThatThrownBy(
            () ->
                TlsContexts.clientContext(
                    credentials.certificate("platform-1"),
                    credentials.privateKey("platform-2"),
                    credentials.caCertificate()))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.INCONSISTENT_CREDENTIALS))
        .hasMessageContaining("does not belong");
  }

  @Test
  void loadsCertificateFromPem() {
    X509Certificate certificate = TlsContexts.loadCertificate(credentials.certificate("admin"));

    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=admin,OU=admin,O=Shiftproof Dev");
    assertThat(TlsContexts.loadCertificates(credentials.certificate("admin")))
        .containsExactly(certificate);
  }

  @Test
  void refusesFileWithoutCertificate() {
    assertThatThrownBy(() -> TlsContexts.loadCertificate(credentials.privateKey("admin")))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.MALFORMED_PEM))
        .hasMessageContaining("no CERTIFICATE block");
    assertThatThrownBy(() -> TlsContexts.loadCertificate(dir.resolve("absent.pem")))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.MISSING_FILE));
  }

  private SSLContext clientContext(String organisation) {
    return TlsContexts.clientContext(
        credentials.certificate(organisation),
        credentials.privateKey(organisation),
        credentials.caCertificate());
  }

  private SSLContext serverContext() {
    return TlsContexts.serverContext(
        credentials.serverCertificate(), credentials.serverKey(), credentials.caCertificate());
  }

  private SSLServerSocket hubServerSocket() throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            serverContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    server.setSoTimeout(10_000);
    return server;
  }

  private static SSLSocket clientSocket(SSLContext context, int port) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
    socket.setSoTimeout(10_000);
    // Check the server certificate's names as an HTTPS client would.
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return socket;
  }

  /** Accepts one connection, echoes one byte and returns the client's identity. */
  private static OrganisationIdentity acceptAndIdentify(SSLServerSocket server) {
    try (SSLSocket socket = (SSLSocket) server.accept()) {
      socket.startHandshake();
      X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      out.write(in.read());
      out.flush();
      return OrganisationIdentity.fromCertificate(peer).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server that requires a client certificate and answers with its identity. */
  private HttpsServer whoAmIServer() throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(serverContext()) {
          @Override
          public void configure(HttpsParameters parameters) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/whoami",
        exchange -> {
          X509Certificate peer =
              (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
          OrganisationIdentity identity = OrganisationIdentity.fromCertificate(peer).orElseThrow();
          byte[] body =
              (identity.organisation() + " " + identity.role()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }
}
