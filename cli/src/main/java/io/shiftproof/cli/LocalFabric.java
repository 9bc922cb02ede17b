package io.shiftproof.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's local Fabric network as the command line brings it up: {@code
 * ledger/fabric-network/fabric.sh up} in the Shiftproof checkout the {@code shiftproof} script runs
 * from, and the connection settings it prints handed to the Fabric ledger.
 */
final class LocalFabric {
  /** Set by the {@code shiftproof} script: the checkout it runs from. */
  static final String HOME_PROPERTY = "shiftproof.home";

  /** Read by the Fabric ledger backend: the network's connection settings. */
  static final String CONNECTION_PROPERTY = "shiftproof.fabric.connection";

  private LocalFabric() {}

  /** Starts the network (or reuses it) and points the Fabric ledger at it. */
  static Path up() throws IOException, InterruptedException {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE,
          "--ledger fabric needs the Shiftproof checkout; run it through the ./shiftproof script");
    }
    Path script = Path.of(home, "ledger", "fabric-network", "fabric.sh");
    Process p =
        new ProcessBuilder("bash", script.toString(), "up")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE, "the local Fabric network did not start (fabric.sh up)");
    }
    List<String> lines = out.lines().toList();
    Path connection = Path.of(lines.get(lines.size() - 1).trim());
    if (!Files.isRegularFile(connection)) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE, "fabric.sh up printed no connection settings file");
    }
    System.setProperty(CONNECTION_PROPERTY, connection.toString());
    return connection;
  }
}
