package io.shiftproof.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;

/** What the gateway answered one request of a route test: status, headers and body. */
public record RouteAnswer(int status, MultiMap headers, Buffer body) {

  /** Assertions on an answer, which may throw. */
  @FunctionalInterface
  public interface Check {
    void on(RouteAnswer answer) throws Throwable;
  }

  /**
   * Completes {@code test} once {@code check} passes on the answer, and fails it when the request
   * failed or an assertion did: {@code server.get(...).onComplete(expect(test, answer -> ...))}.
   */
  public static Handler<AsyncResult<RouteAnswer>> expect(VertxTestContext test, Check check) {
    return test.succeeding(
        answer ->
            test.verify(
                () -> {
                  check.on(answer);
                  test.completeNow();
                }));
  }

  /**
   * {@link #expect} an error answer: {@code status} with the stable {@code code}, the most common
   * check of a route test.
   */
  public static Handler<AsyncResult<RouteAnswer>> expectError(
      VertxTestContext test, int status, String code) {
    return expectError(test, status, code, answer -> {});
  }

  /** {@link #expectError}, then {@code more} checks on the same answer. */
  public static Handler<AsyncResult<RouteAnswer>> expectError(
      VertxTestContext test, int status, String code, Check more) {
    return expect(
        test,
        answer -> {
          assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
          assertThat(answer.errorCode()).isEqualTo(code);
          more.on(answer);
        });
  }

  /** The body as a JSON object. */
  public JsonObject json() {
    return body.toJsonObject();
  }

  /** The {@code error.code} of an error answer. */
  public String errorCode() {
    return json().getJsonObject("error").getString("code");
  }

  /** The {@code error.message} of an error answer. */
  public String errorMessage() {
    return json().getJsonObject("error").getString("message");
  }

  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public String toString() {
    // The body in a failed assertion tells at once which error the gateway chose.
    return status + " " + body;
  }
}
