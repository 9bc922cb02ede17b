package io.shiftproof.gateway.api;

/**
 * One feature's routes of the public API. The gateway mounts every feature it is given, so a new
 * feature is a new implementation handed to the gateway, not a change to the gateway itself.
 */
@FunctionalInterface
public interface ApiRoutes {
  /** Declares this feature's routes, each with the roles it is open to. */
  void mount(ApiRouter router);
}
