package io.shiftproof.gateway.api;

import io.shiftproof.ledger.identity.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of every route, served from the copy
 * kept in the repository ({@code gateway/src/main/resources/openapi.json}), which the hub's tests
 * check against the router and against real answers.
 */
public final class ApiDescription implements ApiRoutes {
  /** Where the description sits on the class path. */
  public static final String RESOURCE = "/openapi.json";

  private final Buffer document;

  public ApiDescription() {
    this.document = Buffer.buffer(read());
  }

  /** The description's bytes, as served. */
  public static byte[] read() {
    try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the API description " + RESOURCE + " is not packaged");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API description: " + e.getMessage(), e);
    }
  }

  @Override
  public void mount(ApiRouter router) {
    // Open to every organisation: the description names routes and codes, never data.
    router
        .route(
            HttpMethod.GET,
            "/v1/openapi.json",
            Role.PLATFORM,
            Role.INSURER,
            Role.REGULATOR,
            Role.ADMIN)
        .handler(ctx -> ctx.response().putHeader("content-type", "application/json").end(document));
  }
}
