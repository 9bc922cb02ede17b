package io.shiftproof.ledger.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs openssl and curl, the tools the README's examples use, so tests can check that the files
 * this module writes work with them. Tests assume the tool is installed and are skipped otherwise.
 */
final class ExternalTool {
  private ExternalTool() {}

  /** The outcome of one run: exit code and combined output. */
  record Result(int exitCode, String output) {}

  static boolean available(String tool) {
    try {
      return run(List.of(tool, "--version")).exitCode() == 0
          || run(List.of(tool, "version")).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  static Result run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted: " + command, e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }
}
