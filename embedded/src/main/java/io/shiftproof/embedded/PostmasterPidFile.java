package io.shiftproof.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} lock file PostgreSQL keeps in its data directory while it runs. Its
 * first line is the postmaster's process id, the fourth its port. A postmaster whose JVM was killed
 * keeps running and keeps this file; one that crashed leaves a stale file behind.
 */
record PostmasterPidFile(long pid, int port) {

  static final String NAME = "postmaster.pid";

  static Optional<PostmasterPidFile> read(Path pgData) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgData.resolve(NAME));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return parse(lines);
  }

  /** Empty when the file is truncated or garbled, as after a crash mid-write. */
  static Optional<PostmasterPidFile> parse(List<String> lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : 0;
      return pid > 0 ? Optional.of(new PostmasterPidFile(pid, port)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The postmaster process when it is still alive. A recycled pid that now belongs to another
   * program does not count: signalling that would hit an innocent process.
   */
  Optional<ProcessHandle> livePostmaster() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                    .orElse(false));
  }
}
