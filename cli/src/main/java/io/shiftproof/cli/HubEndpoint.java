package io.shiftproof.cli;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.hub.Hub;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running hub and its embedded servers listen. {@code run} records it in the data directory
 * ({@value #FILE}) so that {@code push}, {@code get} and {@code simulate}, and an operator with
 * {@code psql} or a Kafka consumer, find them even on randomly chosen ports.
 */
final class HubEndpoint {
  static final String FILE = Hub.ENDPOINT_FILE;

  private HubEndpoint() {}

  static void record(Path dataDir, Hub hub) {
    Properties p = new Properties();
    p.setProperty("api", hub.apiUrl().toString());
    p.setProperty("management", hub.managementUrl().toString());
    p.setProperty(GatewayKeys.KAFKA_BOOTSTRAP.name(), hub.kafkaBootstrapServers());
    p.setProperty(GatewayKeys.POSTGRES_URL.name(), hub.postgres().url().orElseThrow());
    // Written aside and moved into place, so a reader never sees half a file.
    Path partial = dataDir.resolve(FILE + ".partial");
    try {
      try (Writer out = Files.newBufferedWriter(partial)) {
        p.store(out, "Written by `shiftproof run`; removed when it stops.");
      }
      Files.move(partial, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  static void forget(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE));
    } catch (IOException e) {
      // a stale file only costs a clearer "cannot connect" later
    }
  }

  /** An explicit URL, else the one the running hub recorded, else the configured port. */
  static URI resolve(Optional<URI> explicit, Settings settings) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    Path recorded = settings.get(GatewayKeys.DATA_DIR).resolve(FILE);
    if (Files.isRegularFile(recorded)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(recorded)) {
        p.load(in);
        String api = p.getProperty("api");
        if (api != null) {
          return URI.create(api);
        }
      } catch (IOException | IllegalArgumentException e) {
        // fall back to the configured port
      }
    }
    return URI.create("https://127.0.0.1:" + settings.get(GatewayKeys.GATEWAY_PORT));
  }
}
