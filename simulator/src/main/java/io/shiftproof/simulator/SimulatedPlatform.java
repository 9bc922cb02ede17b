package io.shiftproof.simulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A platform taking part in a simulation: its name (used in batch ids and output directories, and
 * as the identity its client certificate would carry) and the kind of work it dispatches.
 */
public record SimulatedPlatform(String name, PlatformKind kind) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

  public SimulatedPlatform {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "platform name: got \""
              + name
              + "\", want 1-48 letters, digits, '.', '_' or '-' (it names a directory)");
    }
  }

  /**
   * The platform at {@code index} (0-based) of a list of names: kinds cycle ride-hailing, food
   * delivery, courier so that any two platforms mix kinds, like a driver who also delivers food.
   */
  public static SimulatedPlatform named(String name, int index) {
    PlatformKind[] kinds = PlatformKind.values();
    return new SimulatedPlatform(name, kinds[index % kinds.length]);
  }
}
