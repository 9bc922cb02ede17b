package io.shiftproof.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Ports a server bound last time, kept in a small properties file in its data directory. A restart
 * on the same directory binds the same ports when they are still free, so clients keep working and
 * KRaft finds its controller where the quorum configuration says it is.
 */
final class PersistedPorts {

  private final Path file;
  private final Properties ports;

  private PersistedPorts(Path file, Properties ports) {
    this.file = file;
    this.ports = ports;
  }

  static PersistedPorts load(Path file) {
    Properties ports = new Properties();
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ports.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return new PersistedPorts(file, ports);
  }

  /**
   * The port to bind for {@code name}: the requested one when non-zero, else last time's when it is
   * still free, else a fresh free port other than {@code avoid}.
   */
  int choose(String name, int requested, int... avoid) {
    if (requested != 0) {
      return requested;
    }
    OptionalInt previous = get(name);
    if (previous.isPresent()
        && isFree(previous.getAsInt())
        && !contains(avoid, previous.getAsInt())) {
      return previous.getAsInt();
    }
    int port;
    do {
      port = freePort();
    } while (contains(avoid, port));
    return port;
  }

  OptionalInt get(String name) {
    String value = ports.getProperty(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  void set(String name, int port) {
    ports.setProperty(name, Integer.toString(port));
  }

  /** Writes via a temporary file and a rename, so a kill mid-write never leaves a torn file. */
  void save() {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ports.store(out, "Ports bound by the embedded server; reused on restart when free");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // Same flag the servers set, so a port in TIME_WAIT from our own previous run counts as free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(loopback(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    }
  }

  /** The servers listen on IPv4 loopback only, whatever the JVM's IPv6 preference. */
  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }
}
