package io.shiftproof.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hub's raw settings: defaults, overridden by the configuration file, overridden by {@code
 * SHIFTPROOF_*} environment variables, overridden by explicit values (command-line flags).
 *
 * <p>Unknown keys in the file are an error, so a typo cannot silently fall back to a default.
 */
public final class HubSettings {
  private final Map<String, String> values;

  private HubSettings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from defaults only. */
  public static HubSettings defaults() {
    return load(null, Map.of(), Map.of());
  }

  /**
   * Resolves settings.
   *
   * @param file the configuration file (Java properties), or null for none
   * @param environment the process environment
   * @param overrides values that win over everything else
   */
  public static HubSettings load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (ConfigKey<?> key : HubKeys.ALL) {
      values.put(key.name(), key.defaultText());
    }
    if (file != null) {
      values.putAll(readFile(file));
    }
    for (ConfigKey<?> key : HubKeys.ALL) {
      String fromEnv = environment.get(key.environmentVariable());
      if (fromEnv != null) {
        values.put(key.name(), fromEnv);
      }
    }
    overrides.forEach(
        (name, value) -> {
          requireKnown(name, "override");
          values.put(name, value);
        });
    HubSettings settings = new HubSettings(values);
    HubKeys.ALL.forEach(settings::get); // fail at start-up, not at first use
    return settings;
  }

  /** The parsed value of a key. */
  public <T> T get(ConfigKey<T> key) {
    return key.parse(values.get(key.name()));
  }

  /** A copy with one more override. */
  public HubSettings with(ConfigKey<?> key, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key.name(), value);
    HubSettings settings = new HubSettings(copy);
    settings.get(key);
    return settings;
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read configuration file (" + e.getMessage() + ")");
    }
    Map<String, String> values = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      requireKnown(name, file.toString());
      values.put(name, properties.getProperty(name));
    }
    return values;
  }

  private static void requireKnown(String name, String where) {
    Set<String> known = HubKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
    if (!known.contains(name)) {
      throw new ConfigException(
          where + ": unknown key \"" + name + "\"; run `shiftproof config` to list the keys");
    }
  }
}
