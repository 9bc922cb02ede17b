package io.shiftproof.cli;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import java.net.URI;
import java.security.PrivateKey;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of commands that call the hub as one organisation: who, and where the hub is. */
final class ClientOptions {
  @Mixin HubOptions hub;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "ORG",
      description = "Organisation whose development credentials to use, e.g. platform-1.")
  String organisation;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Hub API URL (default: the running hub).")
  URI url;

  /** The private key of the organisation's certificate, which signs a platform's batches. */
  PrivateKey privateKey() {
    return HubClient.privateKey(
        hub.settings().get(GatewayKeys.DATA_DIR).resolve("credentials"), organisation);
  }

  /** A client presenting the organisation's certificate to the resolved hub. */
  HubClient client() {
    Settings settings = hub.settings();
    return HubClient.forOrganisation(
        settings.get(GatewayKeys.DATA_DIR).resolve("credentials"),
        organisation,
        HubEndpoint.resolve(Optional.ofNullable(url), settings));
  }
}
