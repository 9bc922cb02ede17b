package io.shiftproof.gateway.evidence;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.query.DayRecordLookup;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.evidence.AnchoredBatch;
import io.shiftproof.ledger.evidence.CoverageRules;
import io.shiftproof.ledger.evidence.EvidenceAccess;
import io.shiftproof.ledger.evidence.EvidenceBundleBuilder;
import io.shiftproof.ledger.evidence.EvidenceException;
import io.shiftproof.ledger.evidence.EvidenceRequest;
import io.shiftproof.ledger.evidence.LoggedAccess;
import io.shiftproof.ledger.evidence.PlatformEvidence;
import io.shiftproof.ledger.evidence.ProvenRecord;
import io.shiftproof.records.DayEvidence;
import io.shiftproof.records.EvidenceReader;
import io.shiftproof.records.RecordProof;
import io.shiftproof.records.SignedEvents;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.MalformedRecordException;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.SealRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the evidence bundle of docs/design.md §6 for an incident: the latest sealed, anchored
 * version of every local day the window [t − 2 h, t + 2 h] touches, their proofs and anchors, the
 * coverage decision, signed by the hub. Each request is written to the ledger's access log before
 * the bundle is built, so no evidence leaves the hub unlogged, and the bundle carries that entry:
 * who asked, for which claim, and when, as the ledger recorded it. Blocking.
 */
public final class EvidenceService implements EvidenceBundles {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);

  /** The purpose recorded in the access log for a request that names no claim. */
  public static final String PURPOSE = EvidenceAccess.PURPOSE;

  /** How often a request waiting for an interim version looks for it. */
  private static final Duration POLL = Duration.ofMillis(250);

  private final EvidenceReader reader;
  private final SignedEvents signedEvents;
  private final SealRequests sealRequests;
  private final Duration sealWait;
  private final Ledger ledger;
  private final EvidenceBundleBuilder builder;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param signedEvents the worker's events as their platforms signed them, for the bundle's
   *     platform evidence
   * @param ledger logs each request, and gives each anchor's attestation where it keeps one
   * @param zone the hub's working-time zone, which decides the local days of the window
   * @param sealWait how long to wait for a requested interim version to be anchored
   */
  public EvidenceService(
      EvidenceReader reader,
      SignedEvents signedEvents,
      SealRequests sealRequests,
      Duration sealWait,
      Ledger ledger,
      EvidenceBundleBuilder builder,
      ZoneId zone,
      Clock clock) {
    this.reader = reader;
    this.signedEvents = signedEvents;
    this.sealRequests = sealRequests;
    this.sealWait = sealWait;
    this.ledger = ledger;
    this.builder = builder;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The bundle as UTF-8 JSON. A day of the window that is not sealed yet gets an interim version
   * first: a seal request through the job (ordered with the worker's events), then a wait of up to
   * {@code sealWait} for it to be anchored.
   */
  @Override
  public byte[] bundle(EvidenceQuery query) {
    try {
      return assemble(query);
    } catch (MalformedRecordException e) {
      throw tampered(query, "a stored record does not decode: " + e.getMessage());
    }
  }

  private byte[] assemble(EvidenceQuery query) {
    EvidenceRequest request = new EvidenceRequest(query.workerRef(), query.incidentAt(), zone);
    Map<LocalDate, DayEvidence> window = sealedWindow(query, request);
    List<ProvenRecord> records = new ArrayList<>();
    List<LocalDate> daysWithoutRecords = new ArrayList<>();
    Map<String, AnchoredBatch> anchors = new LinkedHashMap<>();
    LocalDate incidentDay = query.incidentAt().atZone(zone).toLocalDate();
    for (Map.Entry<LocalDate, DayEvidence> entry : window.entrySet()) {
      LocalDate day = entry.getKey();
      DayEvidence evidence = entry.getValue();
      if (evidence instanceof DayEvidence.Sealed sealed) {
        RecordProof proof = sealed.proof();
        records.add(
            new ProvenRecord(
                sealed.canonicalRecord(), proof.anchor().batchId(), proof.inclusion()));
        anchors.computeIfAbsent(
            proof.anchor().batchId(),
            id ->
                new AnchoredBatch(
                    proof.anchor(),
                    proof.ledger(),
                    ledger.anchorAttestation(proof.ledger()),
                    ledger.endorsedTransaction(proof.ledger())));
      } else if (!day.equals(incidentDay)) {
        // sealedWindow left no day unsealed: this day has no record at all.
        // No record may only mean "no events yet": attest it only once the job's stored output
        // is complete past the window.
        if (!reader.committedWatermark().map(w -> w.isAfter(request.windowTo())).orElse(false)) {
          throw HttpErrorCode.EVIDENCE_NOT_SEALED.exception(
              "incidentAt: events are not yet processed up to the end of the window ("
                  + Rfc3339.format(request.windowTo(), zone)
                  + "), so the hub cannot yet say whether "
                  + day
                  + " has a record; ask again shortly");
        }
        daysWithoutRecords.add(day);
      } else {
        throw DayRecordLookup.noRecord(day, zone);
      }
    }
    // Logged once every record is anchored, so the entry follows their anchors on the ledger; its
    // time, not this clock, is the bundle's generatedAt.
    EvidenceAccess access = new EvidenceAccess(query.requestedBy(), query.claimId());
    Committed<AccessLogEntry> logged = ledger.logAccess(access.accessRecord(request));
    LoggedAccess loggedAccess =
        new LoggedAccess(
            access,
            logged.ref(),
            logged.value().loggedAt(),
            ledger.anchorAttestation(logged.ref()),
            ledger.endorsedTransaction(logged.ref()));
    try {
      return builder.build(
          request,
          records,
          daysWithoutRecords,
          List.copyOf(anchors.values()),
          loggedAccess,
          // The window is closed at both ends; the store's range is half-open.
          new PlatformEvidence(
              signedEvents.ofWorker(
                  request.workerRef(),
                  request.windowFrom(),
                  request.windowTo().plus(1, ChronoUnit.MICROS))));
    } catch (EvidenceException e) {
      if (e.code() == EvidenceException.Code.RECORD_MISSING) {
        throw HttpErrorCode.EVIDENCE_NOT_SEALED.exception(e.getMessage());
      }
      // The hub's own tables gave records, proofs and anchors that do not fit together.
      throw tampered(query, e.getMessage());
    }
  }

  /**
   * What the hub holds for each local day of the window, once every day that can be sealed is: an
   * unsettled day (or one whose interim version ends before the incident plus the clock tolerance)
   * is asked for an interim version, and this waits until each is anchored or the wait is over.
   */
  private Map<LocalDate, DayEvidence> sealedWindow(EvidenceQuery query, EvidenceRequest request) {
    Map<LocalDate, DayEvidence> window = read(query, request);
    List<LocalDate> pending = pending(window, query);
    if (pending.isEmpty()) {
      return window;
    }
    for (LocalDate day : pending) {
      sealRequests.request(
          new SealRequest(
              query.workerRef(),
              day,
              UUID.randomUUID().toString(),
              query.requestedBy(),
              clock.instant()));
    }
    long deadline = System.nanoTime() + sealWait.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      sleep(POLL);
      for (LocalDate day : pending) {
        window.put(day, reader.day(query.workerRef(), day));
      }
      pending = pending(window, query);
    }
    if (!pending.isEmpty()) {
      DayEvidence first = window.get(pending.get(0));
      throw first instanceof DayEvidence.NotSealed notSealed
          ? notSealed(query, notSealed)
          : HttpErrorCode.EVIDENCE_NOT_SEALED.exception(
              "incidentAt: the interim version of "
                  + pending.get(0)
                  + " does not reach "
                  + CoverageRules.CLOCK_TOLERANCE.toMinutes()
                  + " min past the incident yet: events are not processed that far, or a"
                  + " session was still open then and is known only once it sends another event"
                  + " or its silence timeout passes; ask again shortly");
    }
    return window;
  }

  private Map<LocalDate, DayEvidence> read(EvidenceQuery query, EvidenceRequest request) {
    Map<LocalDate, DayEvidence> window = new LinkedHashMap<>();
    LocalDate last = request.windowTo().atZone(zone).toLocalDate();
    for (LocalDate day = request.windowFrom().atZone(zone).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      window.put(day, reader.day(query.workerRef(), day));
    }
    return window;
  }

  /** The days to seal an interim version of: open days, and an incident day not covered enough. */
  private List<LocalDate> pending(Map<LocalDate, DayEvidence> window, EvidenceQuery query) {
    LocalDate incidentDay = query.incidentAt().atZone(zone).toLocalDate();
    List<LocalDate> pending = new ArrayList<>();
    window.forEach(
        (day, evidence) -> {
          if (evidence instanceof DayEvidence.NotSealed) {
            pending.add(day);
          } else if (evidence instanceof DayEvidence.Sealed sealed && day.equals(incidentDay)) {
            // The coverage rules would answer RECORD_MISSING: an interim version that reaches
            // further is needed.
            if (!CoverageRules.coversIncident(sealed.record(), query.incidentAt())) {
              pending.add(day);
            }
          }
        });
    return pending;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an interim version", e);
    }
  }

  /**
   * What the hub answers when its stored records do not match their anchors or proofs (a changed
   * row, a record that does not hash to its anchored root): no bundle, a stable code the client can
   * report, and the detail for the operator in the log, never a bare internal error.
   */
  private static RuntimeException tampered(EvidenceQuery query, String detail) {
    LOG.error(
        "evidence for {} refused: stored records do not match their anchors ({}); run the audit",
        query.workerRef(),
        detail);
    return HttpErrorCode.EVIDENCE_INCONSISTENT.exception(
        "the hub's stored records for this worker do not match their anchored proofs, so it issues"
            + " no evidence; report this to the hub's operator, who must run the audit");
  }

  private static RuntimeException notSealed(EvidenceQuery query, DayEvidence.NotSealed day) {
    String reach =
        day.coveredUntilMicros()
            .map(micros -> "; events are processed up to " + DayRecordCodec.instantOfMicros(micros))
            .orElse("");
    return HttpErrorCode.EVIDENCE_NOT_SEALED.exception(
        "incidentAt: the window [t - 2 h, t + 2 h] includes "
            + day.day()
            + ", which is not sealed and anchored yet"
            + reach
            + "; an interim version was requested and was not anchored in time: ask again"
            + " shortly");
  }
}
