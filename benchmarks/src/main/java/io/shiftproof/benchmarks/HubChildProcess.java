package io.shiftproof.benchmarks;

import io.shiftproof.hub.Hub;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A hub in its own operating-system process, started the way {@code ./shiftproof run} does, from
 * this JVM's class path. The benchmark uses it so that the CPU it reports is the hub's alone; the
 * crash test uses it to kill the hub with SIGKILL. The command line ({@value #LAUNCHER}) must be on
 * the class path, as it is for {@code ./shiftproof bench} and the command line's tests.
 */
public final class HubChildProcess implements AutoCloseable {
  /** The command line's main class, named rather than linked: the command line depends on us. */
  static final String LAUNCHER = "io.shiftproof.cli.ShiftproofCli";

  private final Process process;

  private final Path dataDir;

  private HubChildProcess(Process process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
  }

  /** Starts a hub on free ports with its data in {@code dataDir} and waits until it is up. */
  public static HubChildProcess start(Path dataDir, List<String> extraArguments)
      throws IOException, InterruptedException {
    Path endpoint = dataDir.resolve(Hub.ENDPOINT_FILE);
    Files.createDirectories(dataDir);
    Files.deleteIfExists(endpoint); // a killed hub leaves its last one behind
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LAUNCHER);
    command.add("run");
    command.add("--data-dir=" + dataDir);
    command.add("-Dgateway.port=0");
    command.add("-Dmanagement.port=0");
    command.addAll(extraArguments);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile()))
            .start();
    HubChildProcess hub = new HubChildProcess(process, dataDir);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!Files.exists(endpoint)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("hub exited early:\n" + hub.log());
      }
      if (System.nanoTime() > deadline) {
        hub.kill();
        throw new IllegalStateException("hub did not start within 180 s:\n" + hub.log());
      }
      Thread.sleep(100);
    }
    return hub;
  }

  public URI apiUrl() throws IOException {
    return URI.create(endpoint().getProperty("api"));
  }

  public String kafkaBootstrapServers() throws IOException {
    return endpoint().getProperty("kafka.bootstrap-servers");
  }

  public Path credentialsDir() {
    return dataDir.resolve("credentials");
  }

  /** CPU time the hub process has used so far. */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * CPU time used so far by the embedded PostgreSQL server the hub started: its postmaster (found
   * by the data directory on its command line) and the backends under it. Zero when none runs.
   */
  public Duration postgresCpuTime() {
    String marker = dataDir.resolve("postgres").toString();
    return ProcessHandle.allProcesses()
        .filter(
            p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed by the hub itself. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Everything the hub printed. */
  public String log() {
    try {
      return Files.readString(dataDir.resolve("hub.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private Properties endpoint() throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dataDir.resolve(Hub.ENDPOINT_FILE))) {
      p.load(in);
    }
    return p;
  }

  /** SIGTERM, so the hub stops cleanly; SIGKILL if it does not within 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
