package io.shiftproof.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/**
 * Temporary data directories for embedded servers (tests, benchmarks, the demo). JUnit's and the
 * JDK's temporary directories are private to their owner; when run as root, the embedded PostgreSQL
 * runs as an unprivileged user that must be able to reach its data directory, so these are
 * traversable (but not listable) by others.
 */
public final class TempDirectories {
  private TempDirectories() {}

  public static Path create(String name) {
    try {
      return Files.createTempDirectory(
          "shiftproof-" + name + "-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; nothing happens if it does not exist. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
