package io.shiftproof.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/**
 * Data directories for hubs under test. JUnit's temporary directories are private to their owner;
 * when tests run as root, the embedded PostgreSQL runs as an unprivileged user that must be able to
 * reach its data directory, so these are traversable (but not listable) by others.
 */
public final class TestDirectories {
  private TestDirectories() {}

  public static Path create(String name) {
    try {
      Path dir =
          Files.createTempDirectory(
              "shiftproof-" + name + "-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
