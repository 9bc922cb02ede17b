package io.shiftproof.cli;

import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTPS client that presents one organisation's development certificate (mutual TLS). */
final class HubClient {
  private final HttpClient http;
  private final URI base;
  private final String bearer;

  private HubClient(HttpClient http, URI base) {
    this(http, base, null);
  }

  private HubClient(HttpClient http, URI base, String bearer) {
    this.http = http;
    this.base = base;
    this.bearer = bearer;
  }

  /**
   * A worker's client: no certificate (workers have none), trusting the hub's CA, with the worker's
   * token as a bearer token.
   */
  static HubClient forWorker(Path credentialsDir, String token, URI base) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca", TlsContexts.loadCertificate(credentialsDir.resolve("ca.pem")));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, factory.getTrustManagers(), null);
      return new HubClient(httpClient(ssl), base, token);
    } catch (GeneralSecurityException | IOException e) {
      throw new CliFailure(
          ShiftproofCli.EXIT_USAGE, "cannot trust the hub's CA under " + credentialsDir + ": " + e);
    }
  }

  static HubClient forOrganisation(Path credentialsDir, String organisation, URI base) {
    return new HubClient(httpClient(sslContext(credentialsDir, organisation)), base);
  }

  /**
   * The private key of an organisation's development certificate: a platform signs batches with it.
   */
  static PrivateKey privateKey(Path credentialsDir, String organisation) {
    requireCredentials(credentialsDir, organisation);
    return PemKeys.privateKey(credentialsDir.resolve(organisation).resolve("key.pem"));
  }

  /** The mutual-TLS context of one organisation's development credentials. */
  static SSLContext sslContext(Path credentialsDir, String organisation) {
    requireCredentials(credentialsDir, organisation);
    return TlsContexts.clientContext(
        credentialsDir.resolve(organisation).resolve("cert.pem"),
        credentialsDir.resolve(organisation).resolve("key.pem"),
        credentialsDir.resolve("ca.pem"));
  }

  /** Refuses, naming the known organisations, when an organisation's files are not there. */
  private static void requireCredentials(Path credentialsDir, String organisation) {
    Path cert = credentialsDir.resolve(organisation).resolve("cert.pem");
    Path key = credentialsDir.resolve(organisation).resolve("key.pem");
    Path ca = credentialsDir.resolve("ca.pem");
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key) || !Files.isRegularFile(ca)) {
      throw new CliFailure(
          ShiftproofCli.EXIT_USAGE,
          "no credentials for \""
              + organisation
              + "\" under "
              + credentialsDir
              + "; start the hub once with `./shiftproof run` to create them (known: "
              + DevCredentials.STANDARD_ORGANISATIONS.stream()
                  .map(o -> o.organisation())
                  .collect(java.util.stream.Collectors.joining(", "))
              + ")");
    }
  }

  static HttpClient httpClient(SSLContext ssl) {
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  HttpResponse<String> post(String path, String contentType, byte[] body) {
    return post(path, contentType, body, Duration.ofSeconds(60));
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, Duration timeout) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("content-type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** A batch to {@code POST /v1/events}, signed with the platform's certificate key. */
  HttpResponse<String> postBatch(String contentType, byte[] body, PrivateKey platformKey) {
    return send(
        HttpRequest.newBuilder(base.resolve("/v1/events"))
            .timeout(Duration.ofSeconds(60))
            .header("content-type", contentType)
            .header(BatchSignature.HEADER, BatchSignature.sign(platformKey, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  HttpResponse<String> get(String path) {
    return get(path, Duration.ofSeconds(60));
  }

  HttpResponse<String> get(String path, Duration timeout) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    if (bearer != null) {
      request =
          HttpRequest.newBuilder(request, (name, value) -> true)
              .header("authorization", "Bearer " + bearer)
              .build();
    }
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE,
          "cannot connect to the hub at " + base + "; is `./shiftproof run` running?");
    } catch (IOException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "request to " + base + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "interrupted");
    }
  }
}
