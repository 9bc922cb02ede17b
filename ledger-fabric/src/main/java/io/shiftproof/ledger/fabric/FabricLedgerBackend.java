package io.shiftproof.ledger.fabric;

import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerBackend;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ledger.kind=fabric}: the hub's ledger on a Fabric network, invoked as the hub's client
 * identity. Where the network is comes from the connection settings that {@code
 * ledger/fabric-network/fabric.sh up} writes, named by the system property {@value #PROPERTY} or
 * the environment variable {@value #VARIABLE}. The hub's keys are in the channel's plain key space
 * unless {@value #NAMESPACE_PROPERTY} (or {@value #NAMESPACE_VARIABLE}) names a namespace: a hub
 * with a namespace of its own keeps chains apart from every other hub on the same channel, as a
 * test's hub must on a network other runs have anchored on.
 */
public final class FabricLedgerBackend implements LedgerBackend {
  /** The system property naming the network's {@code connection.properties}. */
  public static final String PROPERTY = "shiftproof.fabric.connection";

  /** The environment variable naming it, when the property is not set. */
  public static final String VARIABLE = "SHIFTPROOF_FABRIC_CONNECTION";

  /** The system property naming the hub's ledger namespace; empty or unset: none. */
  public static final String NAMESPACE_PROPERTY = "shiftproof.fabric.namespace";

  /** The environment variable naming it, when the property is not set. */
  public static final String NAMESPACE_VARIABLE = "SHIFTPROOF_FABRIC_NAMESPACE";

  @Override
  public LedgerKind kind() {
    return LedgerKind.FABRIC;
  }

  @Override
  public LedgerEndpoint endpoint(LedgerSettings settings) {
    String named = System.getProperty(PROPERTY, System.getenv(VARIABLE));
    if (named == null || named.isBlank()) {
      throw new IllegalStateException(
          "ledger.kind fabric: set "
              + VARIABLE
              + " (or -D"
              + PROPERTY
              + ") to the connection.properties that ledger/fabric-network/fabric.sh up prints");
    }
    Path connection = Path.of(named).toAbsolutePath();
    if (!Files.isRegularFile(connection)) {
      throw new IllegalStateException(
          "ledger.kind fabric: " + connection + " does not exist; start the network first");
    }
    String namespace = System.getProperty(NAMESPACE_PROPERTY, System.getenv(NAMESPACE_VARIABLE));
    return new FabricLedgerEndpoint(
        connection.toString(),
        FabricLedgerConfig.HUB_MSP_ID,
        "client",
        namespace == null ? "" : namespace.strip());
  }
}
