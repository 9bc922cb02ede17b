package io.shiftproof.gateway.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, declared once with its type, default and documentation.
 *
 * <p>Every key can be given in the configuration file under {@link #name()} or as the environment
 * variable {@link #environmentVariable()}; the environment wins, so a container can override a
 * mounted file.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String defaultText;
  private final String doc;
  private final Function<String, T> parser;
  private final String wanted;

  ConfigKey(
      String name, String defaultText, String wanted, Function<String, T> parser, String doc) {
    this.name = Objects.requireNonNull(name);
    this.defaultText = Objects.requireNonNull(defaultText);
    this.wanted = Objects.requireNonNull(wanted);
    this.parser = Objects.requireNonNull(parser);
    this.doc = Objects.requireNonNull(doc);
  }

  /** The key as written in the configuration file, e.g. {@code kafka.bootstrap-servers}. */
  public String name() {
    return name;
  }

  /** The environment variable for this key, e.g. {@code SHIFTPROOF_KAFKA_BOOTSTRAP_SERVERS}. */
  public String environmentVariable() {
    return "SHIFTPROOF_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The default as text; empty means "not set". */
  public String defaultText() {
    return defaultText;
  }

  /** What the key means, for {@code shiftproof config} and the README. */
  public String doc() {
    return doc;
  }

  /** A short description of the accepted values, used in error messages. */
  public String wanted() {
    return wanted;
  }

  T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          name + ": got \"" + text + "\", want " + wanted + " (" + e.getMessage() + ")");
    }
  }
}
