package io.shiftproof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistedPortsTest {

  @TempDir Path dir;

  @Test
  void savedPortIsReusedWhenStillFree() {
    int port = PersistedPorts.freePort();
    PersistedPorts saved = PersistedPorts.load(dir.resolve("ports.properties"));
    saved.set("broker.port", port);
    saved.save();

    assertThat(PersistedPorts.load(dir.resolve("ports.properties")).choose("broker.port", 0))
        .isEqualTo(port);
  }

  @Test
  void savedPortTakenByAnotherProcessIsReplaced() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, PersistedPorts.loopback())) {
      PersistedPorts ports = PersistedPorts.load(dir.resolve("ports.properties"));
      ports.set("broker.port", taken.getLocalPort());

      assertThat(ports.choose("broker.port", 0)).isNotEqualTo(taken.getLocalPort()).isPositive();
    }
  }

  @Test
  void requestedPortWinsOverSavedOne() {
    PersistedPorts ports = PersistedPorts.load(dir.resolve("ports.properties"));
    ports.set("broker.port", 40001);

    assertThat(ports.choose("broker.port", 40002)).isEqualTo(40002);
  }

  @Test
  void portToAvoidIsNeverChosen() {
    PersistedPorts ports = PersistedPorts.load(dir.resolve("ports.properties"));
    int broker = PersistedPorts.freePort();
    ports.set("controller.port", broker);

    assertThat(ports.choose("controller.port", 0, broker)).isNotEqualTo(broker);
  }

  @Test
  void missingOrGarbledFileMeansNoSavedPort() throws Exception {
    assertThat(PersistedPorts.load(dir.resolve("absent.properties")).get("port")).isEmpty();

    java.nio.file.Files.writeString(dir.resolve("garbled.properties"), "port=not-a-number\n");
    assertThat(PersistedPorts.load(dir.resolve("garbled.properties")).get("port")).isEmpty();
  }
}
