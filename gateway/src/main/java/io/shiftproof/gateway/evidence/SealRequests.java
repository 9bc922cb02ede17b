package io.shiftproof.gateway.evidence;

import io.shiftproof.schemas.wire.SealRequest;

/** Where the hub sends requests for interim versions: the work-events topic the job reads. */
@FunctionalInterface
public interface SealRequests {
  /** Sends the request and returns once it is durable. */
  void request(SealRequest request);
}
