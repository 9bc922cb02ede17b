package io.shiftproof.cli;

import io.shiftproof.config.ConfigKey;
import io.shiftproof.hub.HubKeys;
import io.shiftproof.streamjobs.JobArguments;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists every configuration key with its environment variable, default and meaning; or prints the
 * arguments that give a working-time job on a Flink cluster this hub's settings.
 */
@Command(
    name = "config",
    description = "List the configuration keys, their environment variables and defaults.")
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin HubOptions hub;

  @Option(
      names = "--job-arguments",
      description =
          "Print, on one line, the arguments that give the working-time job on a Flink cluster"
              + " the settings of this hub's configuration that shape it, for `flink run`.")
  boolean jobArguments;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (jobArguments) {
      out.println(String.join(" ", JobArguments.render(hub.settings())));
      return;
    }
    for (ConfigKey<?> key : HubKeys.ALL) {
      out.printf(
          "%-28s %-40s default: %s%n    %s%n",
          key.name(),
          key.environmentVariable(),
          key.defaultText().filter(text -> !text.isEmpty()).orElse("(none)"),
          key.doc());
    }
  }
}
