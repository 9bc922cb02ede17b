package io.shiftproof.gateway.access;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import java.time.LocalDate;
import java.util.Set;

/**
 * Purpose binding and the access-transparency log (docs/design.md §8.5): who may read which days of
 * which worker, and the record of every such read. Blocking; call off the event loop.
 */
public interface WorkerDataAccess {
  /**
   * The purpose a read of {@code days} of a worker is allowed for, or {@code 403
   * NO_CLAIM_FOR_WORKER}: an insurer reads only for an open claim assigned to it whose window holds
   * every one of the days; an admin reads for the operator; other roles read nothing.
   */
  ReadPurpose authorize(OrganisationIdentity caller, String workerRef, Set<LocalDate> days);

  /**
   * Records one read in the access log.
   *
   * @param resource what was read, e.g. {@code day 2026-11-28}
   * @param versions the record versions the answer came from, e.g. {@code 2026-11-28 v2}
   */
  void logRead(
      OrganisationIdentity caller,
      ReadPurpose purpose,
      String workerRef,
      String resource,
      String versions);

  /** This access with the same binding and no log, to measure what the log costs. */
  default WorkerDataAccess withoutLog() {
    WorkerDataAccess bound = this;
    return new WorkerDataAccess() {
      @Override
      public ReadPurpose authorize(
          OrganisationIdentity caller, String workerRef, Set<LocalDate> days) {
        return bound.authorize(caller, workerRef, days);
      }

      @Override
      public void logRead(
          OrganisationIdentity caller,
          ReadPurpose purpose,
          String workerRef,
          String resource,
          String versions) {}
    };
  }

  /**
   * Access without binding or log, for route tests of features that do not exercise it: an insurer
   * or admin is let through for the operator, anyone else is refused as the bound access would.
   */
  WorkerDataAccess UNBOUND =
      new WorkerDataAccess() {
        @Override
        public ReadPurpose authorize(
            OrganisationIdentity caller, String workerRef, Set<LocalDate> days) {
          if (caller.role() == Role.INSURER || caller.role() == Role.ADMIN) {
            return ReadPurpose.OPERATOR;
          }
          throw HttpErrorCode.NO_CLAIM_FOR_WORKER.exception("no claim for " + workerRef);
        }

        @Override
        public void logRead(
            OrganisationIdentity caller,
            ReadPurpose purpose,
            String workerRef,
            String resource,
            String versions) {}
      };
}
