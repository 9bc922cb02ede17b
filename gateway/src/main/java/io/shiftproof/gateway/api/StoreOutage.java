package io.shiftproof.gateway.api;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which failures of a route's work mean "a store the hub depends on is unavailable", and what the
 * client is told then: {@code 503 RECORDS_UNAVAILABLE}, with the detail in the log only.
 *
 * @param doing what the route could not do, as the client reads it, e.g. "read day records"
 * @param failures the exception types that mean the store is unavailable
 */
public record StoreOutage(String doing, List<Class<? extends Throwable>> failures) {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

  @SafeVarargs
  public static StoreOutage of(String doing, Class<? extends Throwable>... failures) {
    return new StoreOutage(doing, List.of(failures));
  }

  /** The failure as the client sees it: a 503 for an outage, anything else unchanged. */
  public Throwable clientFacing(Throwable failure) {
    if (failures.stream().anyMatch(type -> type.isInstance(failure))) {
      LOG.warn("cannot {}: {}", doing, failure.getMessage());
      return HttpErrorCode.RECORDS_UNAVAILABLE.exception(
          "the hub cannot " + doing + " right now; retry shortly");
    }
    return failure;
  }
}
