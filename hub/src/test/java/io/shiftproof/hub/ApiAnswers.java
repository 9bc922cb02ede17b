package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Reading the API's JSON answers in tests. */
public final class ApiAnswers {
  private ApiAnswers() {}

  /** The body of a 200 JSON answer; fails the test, showing the body, otherwise. */
  public static JsonObject ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return new JsonObject(response.body());
  }

  public static String errorCode(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error").getString("code");
  }

  public static String errorMessage(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error").getString("message");
  }
}
