package io.shiftproof.hub;

import io.shiftproof.config.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hub's settings, over every key of {@link HubKeys#ALL}: defaults, overridden by the
 * configuration file, overridden by {@code SHIFTPROOF_*} environment variables, overridden by
 * explicit values (command-line flags). An unknown key is an error.
 */
public final class HubSettings {
  private HubSettings() {}

  /** Settings from defaults only. */
  public static Settings defaults() {
    return load(null, Map.of(), Map.of());
  }

  /**
   * Resolves settings.
   *
   * @param file the configuration file (Java properties), or null for none
   * @param environment the process environment
   * @param overrides values that win over everything else
   */
  public static Settings load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    return Settings.load(
        HubKeys.ALL, file, environment, overrides, "run `shiftproof config` to list the keys");
  }
}
