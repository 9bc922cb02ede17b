package io.shiftproof.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The values of a set of keys: defaults, overridden by a configuration file, overridden by {@code
 * SHIFTPROOF_*} environment variables, overridden by explicit values (command-line flags); or, for
 * a job submitted to a cluster, the defaults overridden by {@code --key value} arguments.
 *
 * <p>Unknown keys are an error, so a typo cannot silently fall back to a default; every value is
 * parsed when the settings are made, so a bad one stops a process before it starts anything.
 */
public final class Settings {
  private final Map<String, ConfigKey<?>> keys;
  private final Map<String, String> values;

  private Settings(Map<String, ConfigKey<?>> keys, Map<String, String> values) {
    this.keys = keys;
    this.values = Map.copyOf(values);
  }

  /** The defaults of {@code keys}. */
  public static Settings defaults(Collection<ConfigKey<?>> keys) {
    return load(keys, null, Map.of(), Map.of(), "");
  }

  /**
   * Resolves settings.
   *
   * @param keys every key the settings accept
   * @param file the configuration file (Java properties), or null for none
   * @param environment the process environment
   * @param overrides values that win over everything else
   * @param listing tells the reader of an unknown-key error where to find the keys, e.g. {@code run
   *     `shiftproof config` to list the keys}
   */
  public static Settings load(
      Collection<ConfigKey<?>> keys,
      Path file,
      Map<String, String> environment,
      Map<String, String> overrides,
      String listing) {
    Map<String, ConfigKey<?>> byName = byName(keys);
    Map<String, String> values = new HashMap<>();
    for (ConfigKey<?> key : keys) {
      key.defaultText().ifPresent(text -> values.put(key.name(), text));
    }
    if (file != null) {
      readFile(file)
          .forEach(
              (name, value) -> {
                requireKnown(byName, name, file.toString(), listing);
                values.put(name, value);
              });
    }
    for (ConfigKey<?> key : keys) {
      String fromEnv = environment.get(key.environmentVariable());
      if (fromEnv != null) {
        values.put(key.name(), fromEnv);
      }
    }
    overrides.forEach(
        (name, value) -> {
          requireKnown(byName, name, "override", listing);
          values.put(name, value);
        });
    for (ConfigKey<?> key : keys) {
      if (!values.containsKey(key.name())) {
        throw new ConfigException(key.name() + ": not set, want " + key.wanted());
      }
    }
    return checked(new Settings(byName, values));
  }

  /**
   * Settings from command-line arguments, {@code --key value} pairs with the keys' names: how a job
   * submitted to a cluster receives the settings a hub would give it.
   *
   * @throws ConfigException naming an unknown, repeated or missing argument, or a bad value
   */
  public static Settings fromArguments(Collection<ConfigKey<?>> keys, List<String> arguments) {
    Map<String, ConfigKey<?>> byName = byName(keys);
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < arguments.size(); i += 2) {
      String flag = arguments.get(i);
      if (!flag.startsWith("--")) {
        throw new ConfigException(
            "got \"" + flag + "\" where --key was expected; arguments come as --key value pairs");
      }
      String name = flag.substring(2);
      if (!byName.containsKey(name)) {
        throw new ConfigException(
            "unknown argument "
                + flag
                + "; want one of "
                + byName.keySet().stream()
                    .sorted()
                    .map(n -> "--" + n)
                    .collect(Collectors.joining(", ")));
      }
      if (i + 1 == arguments.size()) {
        throw new ConfigException(flag + ": no value follows, want " + byName.get(name).wanted());
      }
      if (given.put(name, arguments.get(i + 1)) != null) {
        throw new ConfigException(flag + ": given twice");
      }
    }
    Map<String, String> values = new HashMap<>();
    for (ConfigKey<?> key : keys) {
      String value = given.get(key.name());
      if (value == null) {
        value =
            key.defaultText()
                .orElseThrow(
                    () ->
                        new ConfigException("missing --" + key.name() + ", want " + key.wanted()));
      }
      values.put(key.name(), value);
    }
    return checked(new Settings(byName, values));
  }

  /** The parsed value of a key. */
  public <T> T get(ConfigKey<T> key) {
    if (keys.get(key.name()) != key) {
      throw new IllegalArgumentException(key.name() + " is not one of these settings' keys");
    }
    return key.parse(values.get(key.name()));
  }

  /** A copy with one more override. */
  public Settings with(ConfigKey<?> key, String value) {
    get(key); // a key of these settings
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key.name(), value);
    Settings settings = new Settings(keys, copy);
    settings.get(key);
    return settings;
  }

  /**
   * The {@code --key value} arguments that give {@code subset} of these settings to a process that
   * reads them with {@link #fromArguments}: the value of each as given, which parses to the same.
   */
  public List<String> arguments(Collection<ConfigKey<?>> subset) {
    List<String> arguments = new ArrayList<>();
    for (ConfigKey<?> key : subset) {
      get(key);
      arguments.add("--" + key.name());
      arguments.add(values.get(key.name()).trim());
    }
    return arguments;
  }

  private static Settings checked(Settings settings) {
    settings.keys.values().forEach(settings::get); // fail at start-up, not at first use
    return settings;
  }

  private static Map<String, ConfigKey<?>> byName(Collection<ConfigKey<?>> keys) {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      if (byName.put(key.name(), key) != null) {
        throw new IllegalArgumentException("two keys are named " + key.name());
      }
    }
    return byName;
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
      values.put(name, properties.getProperty(name));
    }
    return values;
  }

  private static void requireKnown(
      Map<String, ConfigKey<?>> keys, String name, String where, String listing) {
    if (!keys.containsKey(name)) {
      throw new ConfigException(
          where + ": unknown key \"" + name + "\"" + (listing.isEmpty() ? "" : "; " + listing));
    }
  }
}
