package io.shiftproof.cli;

import picocli.CommandLine.Option;

/** The simulated load the job benchmarks run on; each benchmark sets its own number of days. */
final class SimulatedLoadOptions {
  @Option(
      names = "--workers",
      defaultValue = "1000",
      description = "Simulated workers (sets the event count). Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(
      names = "--platforms",
      defaultValue = "3",
      description = "Simulated platforms. Default: ${DEFAULT-VALUE}")
  int platforms;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Simulation seed. Default: ${DEFAULT-VALUE}")
  long seed;
}
