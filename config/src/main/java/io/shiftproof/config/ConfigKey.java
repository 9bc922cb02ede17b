package io.shiftproof.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key, declared once with its type, default, validation and documentation.
 *
 * <p>Each component declares the keys it reads next to its code ({@code GatewayKeys}, {@code
 * JobKeys}, ...); a process reads them through {@link Settings}. In a configuration file a key is
 * written under {@link #name()}, in the environment as {@link #environmentVariable()}, on a job's
 * command line as {@code --}{@link #name()}.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  private final String name;
  private final Optional<String> defaultText;
  private final String doc;
  private final Function<String, T> parser;
  private final String wanted;

  private ConfigKey(
      String name,
      Optional<String> defaultText,
      String wanted,
      Function<String, T> parser,
      String doc) {
    this.name = Objects.requireNonNull(name);
    this.defaultText = Objects.requireNonNull(defaultText);
    this.wanted = Objects.requireNonNull(wanted);
    this.parser = Objects.requireNonNull(parser);
    this.doc = Objects.requireNonNull(doc);
  }

  /**
   * A key with a default.
   *
   * @param defaultText the default as it would be written in the file; empty means "not set" where
   *     the parser accepts it
   * @param wanted a short description of the accepted values, for error messages
   * @param parser turns the text into the value; throws when the text is not acceptable (the
   *     exception's message says why)
   * @param doc what the key means, for {@code shiftproof config} and the README
   */
  public static <T> ConfigKey<T> define(
      String name, String defaultText, String wanted, Function<String, T> parser, String doc) {
    return new ConfigKey<>(name, Optional.of(defaultText), wanted, parser, doc);
  }

  /** A key without a default: settings that lack it are refused. */
  public static <T> ConfigKey<T> required(
      String name, String wanted, Function<String, T> parser, String doc) {
    return new ConfigKey<>(name, Optional.empty(), wanted, parser, doc);
  }

  /** The key as written in the configuration file, e.g. {@code kafka.bootstrap-servers}. */
  public String name() {
    return name;
  }

  /** The environment variable for this key, e.g. {@code SHIFTPROOF_KAFKA_BOOTSTRAP_SERVERS}. */
  public String environmentVariable() {
    return "SHIFTPROOF_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The default as text (empty text means "not set"); none for a required key. */
  public Optional<String> defaultText() {
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

  /**
   * The value of {@code text}.
   *
   * @throws ConfigException naming the key, the text and what is wanted
   */
  public T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          name + ": got \"" + text + "\", want " + wanted + " (" + e.getMessage() + ")");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
