package io.shiftproof.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on a server's data directory, held for the server's lifetime. The OS drops it
 * when the JVM dies, however it dies; so a later start that gets the lock knows that anything still
 * running on the directory was left behind by a dead JVM, not owned by a live one.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE_NAME = "server.lock";

  private final FileLock lock;

  private DataDirLock(FileLock lock) {
    this.lock = lock;
  }

  /** Creates {@code dir} if needed and locks it, or fails with {@code DATA_DIR_IN_USE}. */
  static DataDirLock acquire(Path dir, String server) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new EmbeddedServerException(
            EmbeddedServerException.Code.DATA_DIR_IN_USE,
            server
                + " data directory "
                + dir
                + " is in use by another process; stop that process or choose another directory");
      }
      return new DataDirLock(lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.DATA_DIR_IN_USE,
          server + " data directory " + dir + " is already in use by a server in this JVM",
          e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.DATA_DIR_NOT_ACCESSIBLE,
          "Cannot create or lock " + server + " data directory " + dir + ": " + e,
          e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Idempotent. */
  @Override
  public void close() {
    closeQuietly(lock.channel());
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        // Closing the channel releases the lock with it.
        channel.close();
      } catch (IOException e) {
        // The OS releases the descriptor, and the lock, at exit anyway.
      }
    }
  }
}
