package io.shiftproof.cli;

import io.shiftproof.gateway.config.ConfigKey;
import io.shiftproof.gateway.config.HubKeys;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists every configuration key with its environment variable, default and meaning. */
@Command(
    name = "config",
    description = "List the configuration keys, their environment variables and defaults.")
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (ConfigKey<?> key : HubKeys.ALL) {
      out.printf(
          "%-28s %-40s default: %s%n    %s%n",
          key.name(),
          key.environmentVariable(),
          key.defaultText().isEmpty() ? "(none)" : key.defaultText(),
          key.doc());
    }
  }
}
