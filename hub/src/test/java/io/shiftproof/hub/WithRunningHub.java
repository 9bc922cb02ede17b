package io.shiftproof.hub;

import io.shiftproof.embedded.TempDirectories;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of test classes that share one hub with embedded Kafka and PostgreSQL, started once for the
 * class (starting one costs seconds) in a fresh data directory.
 */
public abstract class WithRunningHub {
  protected static Path dataDir;
  protected static TestHub hub;

  @BeforeAll
  static void startHub() {
    dataDir = TempDirectories.create("hub");
    hub = TestHub.start(dataDir);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
    TempDirectories.delete(dataDir);
  }
}
