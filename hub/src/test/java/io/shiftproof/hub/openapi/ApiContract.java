package io.shiftproof.hub.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The hub's OpenAPI 3.1 description as a contract a real exchange is checked against: the request
 * must name an operation the description has, carry its required parameters and a body its schema
 * accepts, and the answer's status, media type and body must be what the operation describes. Error
 * codes are enumerated per operation and status, so an answer with a code the description does not
 * list for that route fails. Schemas are JSON Schema 2020-12 (OpenAPI 3.1's dialect), checked by
 * the networknt validator; {@code $ref}s resolve within the document.
 */
public final class ApiContract {
  /** The identifier the document is registered under, so its internal references resolve. */
  private static final String IRI = "https://shiftproof.io/openapi.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final JsonNode document;
  private final SchemaRegistry schemas;

  private ApiContract(String text) {
    try {
      this.document = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.schemas =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(IRI, text)));
  }

  public static ApiContract of(byte[] document) {
    return new ApiContract(new String(document, StandardCharsets.UTF_8));
  }

  /** One real request and its answer. */
  public record Exchange(
      String method,
      String pathAndQuery,
      Map<String, String> requestHeaders,
      Optional<String> requestBody,
      int status,
      String responseContentType,
      String responseBody) {}

  /** An operation of the description: {@code post /v1/claims/{claimId}/decision}. */
  record Operation(String method, String template) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + template;
    }
  }

  /** Every operation the description has, API and management port alike. */
  Set<Operation> operations() {
    Set<Operation> operations = new java.util.LinkedHashSet<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            operations.add(new Operation(method, path.getKey()));
                          }
                        }));
    return operations;
  }

  JsonNode operationNode(Operation operation) {
    return document.path("paths").path(operation.template()).path(operation.method());
  }

  /** The operation a concrete request is for, if the description has one. */
  Optional<Operation> operationFor(String method, String path) {
    String m = method.toLowerCase(Locale.ROOT);
    for (Operation operation : operations()) {
      if (operation.method().equals(m) && matches(operation.template(), path)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  /** A schema of the description's components, by name. */
  JsonNode schema(String name) {
    return document.path("components").path("schemas").path(name);
  }

  /** Every value an error {@code code} may take anywhere in the description. */
  Set<String> errorCodes() {
    Set<String> codes = new TreeSet<>();
    collectCodes(document, codes);
    return codes;
  }

  /**
   * The codes one operation may answer: its refusals' and, through the schemas it refers to, the
   * codes its answers list (a batch's rejected events).
   */
  Set<String> errorCodes(Operation operation) {
    Set<String> codes = new TreeSet<>();
    collectCodes(withReferences(operationNode(operation), new TreeSet<>()), codes);
    return codes;
  }

  /** The node with every schema it refers to, transitively, as a list to walk. */
  private List<JsonNode> withReferences(JsonNode node, Set<String> seen) {
    List<JsonNode> nodes = new ArrayList<>(List.of(node));
    for (JsonNode ref : node.findValues("$ref")) {
      String pointer = ref.asText();
      if (pointer.startsWith("#/") && seen.add(pointer)) {
        nodes.addAll(withReferences(document.at(pointer.substring(1)), seen));
      }
    }
    return nodes;
  }

  private static void collectCodes(List<JsonNode> nodes, Set<String> codes) {
    nodes.forEach(node -> collectCodes(node, codes));
  }

  /**
   * What is wrong with the exchange against the description; empty when request and answer both
   * conform. A request for no operation is held to the description's answer for unrouted requests.
   */
  public List<String> check(Exchange exchange) {
    String path = exchange.pathAndQuery().split("\\?", 2)[0];
    Optional<Operation> found = operationFor(exchange.method(), path);
    String where = exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.status();
    List<String> problems = new ArrayList<>();
    if (found.isEmpty()) {
      if (exchange.status() < 400) {
        problems.add(where + ": answered, but the description has no such operation");
      } else {
        validate(
            where,
            "#/components/responses/Unrouted/content/application~1json/schema",
            exchange.responseBody(),
            problems);
      }
      return problems;
    }
    Operation operation = found.get();
    String pointer = "#/paths/" + escape(operation.template()) + "/" + operation.method();
    JsonNode node = operationNode(operation);
    checkParameters(where, node, exchange, problems);
    exchange
        .requestBody()
        .filter(body -> exchange.status() < 400 && isJson(exchange.requestHeaders()))
        // A batch answered with some events rejected was taken only in part: the schema says
        // what a valid request is, not what the hub tolerates and lists back.
        .filter(body -> !listsRejections(exchange.responseBody()))
        .ifPresent(
            body -> {
              if (node.path("requestBody").isMissingNode()) {
                problems.add(where + ": sent a body, but the operation takes none");
              } else {
                validate(
                    where + " (request)",
                    pointer + "/requestBody/content/application~1json/schema",
                    body,
                    problems);
              }
            });
    JsonNode response = node.path("responses").path(String.valueOf(exchange.status()));
    if (response.isMissingNode()) {
      problems.add(where + ": status " + exchange.status() + " is not described");
      return problems;
    }
    String mediaType = exchange.responseContentType().split(";", 2)[0].trim();
    if (!response.path("content").has(mediaType)) {
      problems.add(where + ": media type " + mediaType + " is not described for this status");
      return problems;
    }
    if (mediaType.equals("application/json")) {
      validate(
          where,
          pointer + "/responses/" + exchange.status() + "/content/" + escape(mediaType) + "/schema",
          exchange.responseBody(),
          problems);
    }
    return problems;
  }

  private void checkParameters(
      String where, JsonNode operation, Exchange exchange, List<String> problems) {
    if (exchange.status() >= 400) {
      return; // a refused request may well lack what the operation requires
    }
    String[] parts = exchange.pathAndQuery().split("\\?", 2);
    Set<String> query = new TreeSet<>();
    if (parts.length == 2) {
      for (String pair : parts[1].split("&")) {
        query.add(pair.split("=", 2)[0]);
      }
    }
    Set<String> described = new TreeSet<>();
    for (JsonNode parameter : operation.path("parameters")) {
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      boolean required = parameter.path("required").asBoolean(false);
      if (in.equals("query")) {
        described.add(name);
        if (required && !query.contains(name)) {
          problems.add(where + ": required query parameter " + name + " was not sent");
        }
      } else if (in.equals("header") && required) {
        boolean sent =
            exchange.requestHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
        if (!sent) {
          problems.add(where + ": required header " + name + " was not sent");
        }
      }
    }
    for (String name : query) {
      if (!described.contains(name)) {
        problems.add(where + ": query parameter " + name + " is not described");
      }
    }
  }

  private void validate(String where, String pointer, String body, List<String> problems) {
    JsonNode instance;
    try {
      instance = JSON.readTree(body);
    } catch (IOException e) {
      problems.add(where + ": body is not JSON: " + e.getMessage());
      return;
    }
    Schema schema = schemas.getSchema(SchemaLocation.of(IRI + pointer));
    for (Error error : schema.validate(instance)) {
      problems.add(where + ": " + error + " in " + abbreviate(body));
    }
  }

  private static boolean listsRejections(String responseBody) {
    try {
      JsonNode rejected = JSON.readTree(responseBody).path("rejected");
      return rejected.isArray() && !rejected.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isJson(Map<String, String> headers) {
    return headers.entrySet().stream()
        .anyMatch(
            h ->
                h.getKey().equalsIgnoreCase("content-type")
                    && h.getValue().startsWith("application/json"));
  }

  private static boolean matches(String template, String path) {
    String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
    return Pattern.matches(regex, path);
  }

  private static String escape(String pointerPart) {
    return pointerPart.replace("~", "~0").replace("/", "~1");
  }

  private static void collectCodes(JsonNode node, Set<String> codes) {
    if (node.isObject()) {
      JsonNode code = node.path("properties").path("code").path("enum");
      code.forEach(value -> codes.add(value.asText()));
      JsonNode errorCode =
          node.path("properties").path("error").path("properties").path("code").path("enum");
      errorCode.forEach(value -> codes.add(value.asText()));
      for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
        collectCodes(children.next(), codes);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectCodes(child, codes));
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
