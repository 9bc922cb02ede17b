package io.shiftproof.ledger.fabric;

import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The Fabric ledger as a job's task managers reach it: the network's connection settings file
 * (which every machine of a deployment has at the same path), the organisation and its user.
 *
 * @param connectionProperties the {@code connection.properties} of the network
 * @param organisation the organisation (MSP ID) to invoke as
 * @param user {@code client} or {@code admin}
 * @param namespace the ledger namespace, empty for the hub's ledger
 */
public record FabricLedgerEndpoint(
    String connectionProperties, String organisation, String user, String namespace)
    implements LedgerEndpoint {
  private static final long serialVersionUID = 1L;

  @Override
  public Ledger connect() {
    try {
      return FabricLedger.connect(
          FabricLedgerConfig.fromConnection(
              Path.of(connectionProperties), organisation, user, namespace));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the Fabric connection settings " + connectionProperties, e);
    }
  }
}
