package io.shiftproof.embedded;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account that runs initdb, pg_ctl and the server. PostgreSQL refuses to run
 * as root, so when this JVM is root (CI containers, fresh machines) the commands run as {@code
 * nobody} through {@code runuser} (or {@code setpriv}), and the data directory is handed to that
 * account. Otherwise they run as the current account, unchanged.
 */
final class PostgresAccount {

  private static final String UNPRIVILEGED_USER = "nobody";
  private static final String[] RUNUSER = {
    "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"
  };
  private static final String[] SETPRIV = {"/usr/bin/setpriv", "/bin/setpriv"};

  /** Present when commands must switch to another account; holds that account's ids. */
  private final Optional<Unprivileged> target;

  private record Unprivileged(int uid, int gid, List<String> commandPrefix) {}

  private PostgresAccount(Optional<Unprivileged> target) {
    this.target = target;
  }

  static PostgresAccount forThisProcess() {
    if (new UnixSystem().getUid() != 0) {
      return new PostgresAccount(Optional.empty());
    }
    int uid = id("-u");
    int gid = id("-g");
    Optional<String> runuser = firstExecutable(RUNUSER);
    if (runuser.isPresent()) {
      return new PostgresAccount(
          Optional.of(
              new Unprivileged(uid, gid, List.of(runuser.get(), "-u", UNPRIVILEGED_USER, "--"))));
    }
    Optional<String> setpriv = firstExecutable(SETPRIV);
    if (setpriv.isPresent()) {
      return new PostgresAccount(
          Optional.of(
              new Unprivileged(
                  uid,
                  gid,
                  List.of(
                      setpriv.get(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"))));
    }
    throw new EmbeddedServerException(
        EmbeddedServerException.Code.UNSUPPORTED_PLATFORM,
        "PostgreSQL cannot run as root and neither runuser nor setpriv (util-linux) is installed"
            + " to switch to '"
            + UNPRIVILEGED_USER
            + "'; install util-linux or run as a non-root user");
  }

  /** A description for messages, e.g. {@code nobody (uid 65534)}. */
  String describe() {
    return target
        .map(t -> UNPRIVILEGED_USER + " (uid " + t.uid() + ")")
        .orElse(System.getProperty("user.name"));
  }

  /** The command line that runs {@code command} as this account. */
  List<String> command(List<String> command) {
    List<String> full = new ArrayList<>(target.map(Unprivileged::commandPrefix).orElse(List.of()));
    full.addAll(command);
    return full;
  }

  /** Hands a file or directory this JVM created to the account, so the server may write it. */
  void own(Path path) throws IOException {
    if (target.isPresent()) {
      Files.setAttribute(path, "unix:uid", target.get().uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", target.get().gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * Fails with a message naming the first ancestor of {@code path} the account may not traverse. A
   * root JVM can create a data directory under, say, a 0700 home or JUnit temp directory that
   * {@code nobody} can never reach; without this check initdb only says "permission denied".
   */
  void requireTraversable(Path path) throws IOException {
    if (target.isEmpty()) {
      return;
    }
    Unprivileged account = target.get();
    for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      int uid = (Integer) Files.getAttribute(dir, "unix:uid");
      int gid = (Integer) Files.getAttribute(dir, "unix:gid");
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      boolean traversable =
          uid == account.uid()
              ? permissions.contains(PosixFilePermission.OWNER_EXECUTE)
              : gid == account.gid()
                  ? permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                  : permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
      if (!traversable) {
        throw new EmbeddedServerException(
            EmbeddedServerException.Code.DATA_DIR_NOT_ACCESSIBLE,
            "The JVM runs as root, so PostgreSQL runs as "
                + describe()
                + ", which cannot traverse "
                + dir
                + " on the way to "
                + path
                + "; choose a data directory outside it, or run: chmod o+x "
                + dir);
      }
    }
  }

  /** Fails when an existing PostgreSQL data directory belongs to another account. */
  void requireOwnerOf(Path pgData) throws IOException {
    int expected = target.map(Unprivileged::uid).orElseGet(() -> (int) new UnixSystem().getUid());
    int actual = (Integer) Files.getAttribute(pgData, "unix:uid");
    if (actual != expected) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.DATA_DIR_NOT_ACCESSIBLE,
          "PostgreSQL data directory "
              + pgData
              + " belongs to uid "
              + actual
              + " but the server runs as "
              + describe()
              + "; run as the account that created it, or chown -R it to uid "
              + expected);
    }
  }

  private static int id(String flag) {
    try {
      Process process =
          new ProcessBuilder("id", flag, UNPRIVILEGED_USER).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(out.trim());
      }
      return Integer.parseInt(out.trim());
    } catch (IOException | NumberFormatException e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.UNSUPPORTED_PLATFORM,
          "PostgreSQL cannot run as root and there is no '"
              + UNPRIVILEGED_USER
              + "' account to run it as ("
              + e.getMessage()
              + "); create that account or run as a non-root user",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted looking up " + UNPRIVILEGED_USER, e);
    }
  }

  private static Optional<String> firstExecutable(String[] candidates) {
    for (String candidate : candidates) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
