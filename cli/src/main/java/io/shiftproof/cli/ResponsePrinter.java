package io.shiftproof.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.http.HttpResponse;

/** Prints a hub response readably and turns its status into the command's exit code. */
final class ResponsePrinter {
  private ResponsePrinter() {}

  static int print(PrintWriter out, HttpResponse<String> response) {
    String body = response.body();
    out.println(pretty(body));
    out.flush();
    int status = response.statusCode();
    return status >= 200 && status < 300 ? 0 : ShiftproofCli.EXIT_REFUSED;
  }

  private static String pretty(String body) {
    String trimmed = body.strip();
    try {
      if (trimmed.startsWith("{")) {
        return new JsonObject(trimmed).encodePrettily();
      }
      if (trimmed.startsWith("[")) {
        return new JsonArray(trimmed).encodePrettily();
      }
    } catch (DecodeException e) {
      // not JSON after all: print as it came
    }
    return body;
  }
}
