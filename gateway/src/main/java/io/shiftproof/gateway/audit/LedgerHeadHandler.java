package io.shiftproof.gateway.audit;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /v1/ledger/head} (every role): the newest entry of the ledger's log, signed by the hub
 * ({@link SignedLedgerHead}). Outsiders keep the answer; an audit given it later ({@code POST
 * /v1/audit}) reveals a log whose tail was cut or rewritten since.
 */
public final class LedgerHeadHandler implements ApiRoutes {
  /** Where the signed head comes from: the ledger. */
  @FunctionalInterface
  public interface LedgerHeads {
    /** The current head, signed; empty for a ledger outsiders read themselves. */
    Optional<SignedLedgerHead> signedHead();
  }

  private static final StoreOutage OUTAGE =
      StoreOutage.of("read the ledger's head", LedgerException.class);

  private final LedgerHeads heads;

  public LedgerHeadHandler(LedgerHeads heads) {
    this.heads = heads;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(
            HttpMethod.GET,
            "/v1/ledger/head",
            Role.PLATFORM,
            Role.INSURER,
            Role.REGULATOR,
            Role.ADMIN)
        .handler(this::head);
  }

  private void head(RoutingContext ctx) {
    JsonAnswers.answer(
        ctx,
        OUTAGE,
        () ->
            heads
                .signedHead()
                .orElseThrow(
                    () ->
                        HttpErrorCode.NOT_FOUND.exception(
                            "this ledger has no hub-signed head; read the head from its network"))
                .toJson());
  }
}
