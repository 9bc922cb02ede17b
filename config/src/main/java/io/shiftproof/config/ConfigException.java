package io.shiftproof.config;

/** A configuration value that cannot be used; the message names the key and what it wants. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
