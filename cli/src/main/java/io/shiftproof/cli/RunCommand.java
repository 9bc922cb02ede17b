package io.shiftproof.cli;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.hub.Hub;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the hub in the foreground until interrupted. */
@Command(
    name = "run",
    description =
        "Run the hub. With no external Kafka or PostgreSQL configured, both run embedded"
            + " in this process with their data under ./data.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HubOptions hub;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = hub.settings();
    Path dataDir = settings.get(GatewayKeys.DATA_DIR).toAbsolutePath().normalize();
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the Shiftproof hub (data in " + dataDir + ") ...");
    out.flush();
    Hub running = Hub.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  HubEndpoint.forget(dataDir);
                  running.close();
                  stopped.countDown();
                },
                "shiftproof-shutdown"));
    HubEndpoint.record(dataDir, running);
    Banner.print(out, running, dataDir);
    stopped.await();
    return 0;
  }
}
