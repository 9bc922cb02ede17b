package io.shiftproof.cli;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.hub.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where the configuration and the data are. */
final class HubOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (Java properties). Default: ./shiftproof.properties if present.")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (overrides data.dir). Default: ./data")
  Path dataDir;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Set a configuration key, e.g. -D gateway.port=9443 (see `shiftproof config`).")
  Map<String, String> overrides = new HashMap<>();

  Settings settings() {
    Path file = configFile;
    if (file == null && Files.isRegularFile(Path.of("shiftproof.properties"))) {
      file = Path.of("shiftproof.properties");
    }
    Map<String, String> all = new HashMap<>(overrides);
    if (dataDir != null) {
      all.put(GatewayKeys.DATA_DIR.name(), dataDir.toString());
    }
    try {
      return HubSettings.load(file, System.getenv(), all);
    } catch (ConfigException e) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, e.getMessage());
    }
  }
}
