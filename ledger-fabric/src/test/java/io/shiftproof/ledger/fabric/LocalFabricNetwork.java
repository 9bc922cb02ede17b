package io.shiftproof.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's local Fabric network, started and stopped by {@code
 * ledger/fabric-network/fabric.sh} as a developer or CI would. A test that uses it fails when the
 * network cannot be started: with Go and a Fabric source (or the cache) at hand it always can.
 */
public final class LocalFabricNetwork {
  private final Path script;
  private final boolean startedHere;
  private final Path connection;

  private LocalFabricNetwork(Path script, boolean startedHere, Path connection) {
    this.script = script;
    this.startedHere = startedHere;
    this.connection = connection;
  }

  /** Starts the network, or reuses it when it already runs. */
  public static LocalFabricNetwork up() throws IOException, InterruptedException {
    Path script = repositoryRoot().resolve("ledger/fabric-network/fabric.sh");
    boolean wasRunning = run(script, "status").exitCode() == 0;
    Result up = run(script, "up");
    if (up.exitCode() != 0 && !wasRunning) {
      // What a failed start left running would pass for a running network in the next test.
      run(script, "down");
    }
    assertThat(up.exitCode()).as("fabric.sh up failed; its output:%n%s", up.output()).isZero();
    List<String> lines = up.output().lines().toList();
    Path connection = Path.of(lines.get(lines.size() - 1).trim());
    assertThat(connection).as("the network's connection settings").isRegularFile();
    return new LocalFabricNetwork(script, !wasRunning, connection);
  }

  /** The {@code connection.properties} the script wrote. */
  public Path connection() {
    return connection;
  }

  /** The script, for tests that stop and start parts of the network. */
  Path script() {
    return script;
  }

  /** Kills one of the network's processes ({@code peer-hub}, {@code orderer}, …) with SIGKILL. */
  public void kill(String process) throws IOException {
    Path pidFile = connection.getParent().resolve("pids").resolve(process + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle handle =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException(process + " is not running"));
    handle.destroyForcibly();
    handle.onExit().join();
  }

  /**
   * Starts again whatever of the network is not running, a killed peer for one, as an operator
   * would ({@code fabric.sh up} starts only what is missing); fails the test if it cannot.
   */
  public void startStopped() throws IOException, InterruptedException {
    Result up = run(script, "up");
    assertThat(up.exitCode()).as("fabric.sh up failed; its output:%n%s", up.output()).isZero();
  }

  /** Stops the network if this test run started it; a network someone else started stays. */
  public void down() throws IOException, InterruptedException {
    if (startedHere) {
      run(script, "down");
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("ledger/fabric-network/fabric.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "not inside the Shiftproof repository: " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  record Result(int exitCode, String output) {}

  static Result run(Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
