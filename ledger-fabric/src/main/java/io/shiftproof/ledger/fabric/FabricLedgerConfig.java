package io.shiftproof.ledger.fabric;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * How the Fabric ledger reaches the network: one peer's gateway over TLS, the X.509 identity it
 * invokes the contract as, the channel and chaincode, and a deadline per phase of a transaction.
 *
 * @param peerEndpoint the gateway peer, {@code host:port}
 * @param peerHostOverride the name in the peer's TLS certificate, when it differs from the host
 * @param peerTlsCa the CA certificate (PEM) the peer's TLS certificate is checked against
 * @param mspId the MSP ID of the identity, which is also its organisation on the ledger
 * @param certificate the identity's X.509 certificate (PEM)
 * @param privateKey its private key (PEM), or a directory holding only that key (an MSP keystore)
 * @param channel the channel
 * @param chaincode the chaincode name
 * @param namespace the ledger namespace, empty for the hub's ledger (see {@link
 *     io.shiftproof.ledger.contract.ChaincodeCalls})
 * @param hubMspId the hub's MSP ID, which endorses every claim decision
 * @param deadlines the deadline of each phase
 * @param connection the connection settings these came from, which may hold other organisations'
 *     identities ({@link FabricLedger#onBehalfOf}); empty when configured by hand
 */
public record FabricLedgerConfig(
    String peerEndpoint,
    String peerHostOverride,
    Path peerTlsCa,
    String mspId,
    Path certificate,
    Path privateKey,
    String channel,
    String chaincode,
    String namespace,
    String hubMspId,
    Deadlines deadlines,
    Optional<Path> connection) {

  /** The network the project's script starts names its hub {@code hub}. */
  public static final String HUB_MSP_ID = "hub";

  public FabricLedgerConfig {
    Objects.requireNonNull(peerEndpoint, "peerEndpoint");
    Objects.requireNonNull(peerHostOverride, "peerHostOverride");
    Objects.requireNonNull(peerTlsCa, "peerTlsCa");
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(chaincode, "chaincode");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(hubMspId, "hubMspId");
    Objects.requireNonNull(deadlines, "deadlines");
    Objects.requireNonNull(connection, "connection");
  }

  /**
   * The deadline of each phase of a transaction: evaluating (a read), endorsing, submitting to the
   * orderer, and waiting for the commit status.
   */
  public record Deadlines(
      Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
    /** What a local network answers well within. */
    public static final Deadlines DEFAULT =
        new Deadlines(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1));
  }

  /**
   * The settings for {@code organisation}'s peer and one of its users from the {@code
   * connection.properties} that {@code ledger/fabric-network/fabric.sh up} writes.
   *
   * @param user {@code admin} or {@code client}
   */
  public static FabricLedgerConfig fromConnection(
      Path connectionProperties, String organisation, String user, String namespace)
      throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(connectionProperties)) {
      p.load(in);
    }
    return new FabricLedgerConfig(
        required(p, organisation + ".peer"),
        required(p, organisation + ".peerHostOverride"),
        Path.of(required(p, organisation + ".tlsCa")),
        organisation,
        Path.of(required(p, organisation + "." + user + ".cert")),
        Path.of(required(p, organisation + "." + user + ".keyDir")),
        required(p, "channel"),
        required(p, "chaincode"),
        namespace,
        HUB_MSP_ID,
        Deadlines.DEFAULT,
        Optional.of(connectionProperties));
  }

  /** The private key file: {@link #privateKey()} itself, or the one file in that directory. */
  Path privateKeyFile() throws IOException {
    if (!Files.isDirectory(privateKey)) {
      return privateKey;
    }
    try (Stream<Path> files = Files.list(privateKey)) {
      return files
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow(() -> new IOException(privateKey + ": no private key in this directory"));
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": missing from the network's connection settings");
    }
    return value;
  }
}
