package io.shiftproof.gateway.api;

import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Derives the caller's organisation and role from its TLS client certificate. The TLS layer has
 * already checked that the certificate chains to the hub's CA and is not revoked; this handler
 * requires more: that a CA of {@code tls.ca-cert} issued it directly ({@link OrganisationIssuers}),
 * so an organisation is known by issuer and subject, never by a common name alone. It checks the
 * revocation lists again, so a revoked certificate is refused even where a TLS engine skipped them.
 * Nothing in a request body can claim another identity.
 *
 * <p>Identity and role checks are platform handlers: they depend on the connection alone, so they
 * run before the body is read and a caller without the right role cannot make the hub buffer one.
 */
public final class ClientIdentityHandler implements PlatformHandler {
  private static final String KEY = "shiftproof.identity";
  private static final String CERTIFICATE = "shiftproof.certificate";

  private final OrganisationIssuers issuers;

  public ClientIdentityHandler(OrganisationIssuers issuers) {
    this.issuers = issuers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    X509Certificate leaf = peerCertificate(ctx);
    if (issuers.issuerOf(leaf).isEmpty()) {
      ctx.fail(
          HttpErrorCode.UNKNOWN_ISSUER.exception(
              "client certificate issuer: got "
                  + leaf.getIssuerX500Principal().getName()
                  + ", want a CA of the hub's tls.ca-cert that issued it directly"));
      return;
    }
    if (issuers.isRevoked(leaf)) {
      ctx.fail(
          HttpErrorCode.CERTIFICATE_REVOKED.exception(
              "client certificate serial "
                  + leaf.getSerialNumber().toString(16)
                  + " is revoked by its CA; ask the hub's operator for a new one"));
      return;
    }
    Optional<OrganisationIdentity> identity = OrganisationIdentity.fromCertificate(leaf);
    if (identity.isEmpty()) {
      ctx.fail(
          HttpErrorCode.UNKNOWN_ROLE.exception(
              "client certificate "
                  + leaf.getSubjectX500Principal().getName()
                  + " has no known role; want exactly one OU of platform, insurer, regulator,"
                  + " admin"));
      return;
    }
    ctx.put(KEY, identity.get());
    ctx.put(CERTIFICATE, leaf);
    ctx.next();
  }

  /** The client certificate the identity was established from: its key checks batch signatures. */
  public static X509Certificate certificate(RoutingContext ctx) {
    return ctx.get(CERTIFICATE);
  }

  /** The identity established for this request. */
  public static OrganisationIdentity identity(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** A handler that lets only the given roles through. */
  public static PlatformHandler requireRole(Role... allowed) {
    List<Role> roles = Arrays.asList(allowed);
    String wanted = roles.stream().map(Role::ou).collect(Collectors.joining(" or "));
    return ctx -> {
      OrganisationIdentity who = identity(ctx);
      if (!roles.contains(who.role())) {
        ctx.fail(
            HttpErrorCode.FORBIDDEN_ROLE.exception(
                "role: got " + who.role().ou() + ", want " + wanted + " for this request"));
        return;
      }
      ctx.next();
    };
  }

  private static X509Certificate peerCertificate(RoutingContext ctx) {
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf) {
        return leaf;
      }
    } catch (SSLPeerUnverifiedException e) {
      // fall through: no verified client certificate
    }
    throw HttpErrorCode.CERTIFICATE_REQUIRED.exception(
        "a client certificate issued by the hub's CA is required");
  }
}
