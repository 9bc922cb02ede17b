package io.shiftproof.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test class path that runs {@link ServerInChildJvm} until it says it is ready,
 * and is then ended like a hub process: killed with SIGKILL as by the OOM killer (no shutdown
 * hooks, no clean close), or terminated with SIGTERM as by Ctrl-C or a service manager.
 */
final class ChildJvm implements AutoCloseable {

  private static final long READY_TIMEOUT_SECONDS = 120;
  private static final long EXIT_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final List<String> output = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm run(String server, Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ServerInChildJvm.class.getName(),
                server,
                dataDir.toString())
            .redirectErrorStream(true);
    return new ChildJvm(builder.start());
  }

  void awaitReadyThenKill() throws Exception {
    awaitReady();
    process.destroyForcibly();
    process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void awaitReadyThenTerminate() throws Exception {
    awaitReady();
    process.destroy();
    if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("Child JVM ignored SIGTERM; its output:\n" + output());
    }
  }

  private void awaitReady() {
    try {
      ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Child JVM never became ready; its output:\n" + output(), e);
    }
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        if (line.equals(ServerInChildJvm.READY)) {
          ready.complete(null);
        }
      }
    } catch (Exception e) {
      // The stream breaks when the child is killed; nothing left to read.
    }
    ready.completeExceptionally(new IllegalStateException("child JVM exited"));
  }

  private String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
