package io.shiftproof.gateway.api;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A named worker pool of its own for slow blocking work (evidence waiting for an interim version, a
 * full audit), so it can never occupy the shared worker threads that every other route's database
 * reads need. Created on first use, from the handler's Vert.x instance, and shared by all gateway
 * verticle instances. Vert.x closes it when the verticle instance that first used it is undeployed;
 * the hub undeploys all of them together, when it stops.
 */
public final class DedicatedWorkers {
  private final String name;
  private final int size;
  private final long maxExecuteSeconds;
  private volatile WorkerExecutor executor;

  /**
   * @param maxExecuteSeconds how long one task may run before Vert.x warns of a blocked thread
   */
  public DedicatedWorkers(String name, int size, long maxExecuteSeconds) {
    this.name = name;
    this.size = size;
    this.maxExecuteSeconds = maxExecuteSeconds;
  }

  public WorkerExecutor executor(Vertx vertx) {
    WorkerExecutor current = executor;
    if (current == null) {
      synchronized (this) {
        current = executor;
        if (current == null) {
          current =
              vertx.createSharedWorkerExecutor(name, size, maxExecuteSeconds, TimeUnit.SECONDS);
          executor = current;
        }
      }
    }
    return current;
  }
}
