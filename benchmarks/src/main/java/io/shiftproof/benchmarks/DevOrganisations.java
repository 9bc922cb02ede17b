package io.shiftproof.benchmarks;

import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.simulator.BatchPusher;
import io.shiftproof.simulator.PushConfig;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The development organisations of a benchmark's hub, as its credentials directory holds them: each
 * organisation's TLS context and signing key, read once, and the clients and pushers built on them.
 */
final class DevOrganisations {
  private final Path credentials;
  private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
  private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();

  DevOrganisations(Path credentials) {
    this.credentials = credentials;
  }

  /** The organisation's mutual-TLS context: its certificate and key, trusting the hub's CA. */
  SSLContext tls(String organisation) {
    return contexts.computeIfAbsent(
        organisation,
        o ->
            TlsContexts.clientContext(
                credentials.resolve(o).resolve("cert.pem"),
                credentials.resolve(o).resolve("key.pem"),
                credentials.resolve("ca.pem")));
  }

  /** The private key of the organisation's certificate, which signs a platform's batches. */
  PrivateKey signingKey(String organisation) {
    return keys.computeIfAbsent(
        organisation, o -> PemKeys.privateKey(credentials.resolve(o).resolve("key.pem")));
  }

  /** A new HTTP/1.1 client as the organisation; each keeps its own keep-alive connections. */
  HttpClient client(String organisation) {
    return HttpClient.newBuilder()
        .sslContext(tls(organisation))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A pusher sending each platform's batches with its certificate, signed with its key. */
  BatchPusher pusher(PushConfig config, PrintStream progress) {
    return new BatchPusher(config, this::tls, this::signingKey, progress);
  }
}
