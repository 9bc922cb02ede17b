package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.identity.OrganisationIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka certificates of the development credentials and the principals they map to. */
class KafkaCredentialsTest {
  @TempDir Path dir;

  @Test
  void everyKafkaIdentityGetsACertificateFromTheCaThatNamesNoOrganisation() {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
    for (String name : KafkaCredentials.NAMES) {
      X509Certificate certificate =
          TlsContexts.loadCertificate(credentials.kafka(name).certificate());
      assertThat(ca.signed(certificate)).isTrue();
      assertThat(certificate.getSubjectX500Principal().getName())
          .isEqualTo("CN=" + name + ",OU=kafka,O=" + DevCertificateAuthority.ORGANISATION);
      // OU=kafka is no role: the gateway refuses these as organisations.
      assertThat(OrganisationIdentity.fromCertificate(certificate)).isEmpty();
    }
  }

  @Test
  void onlyTheBrokerCertificateServes() throws Exception {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    X509Certificate broker =
        TlsContexts.loadCertificate(credentials.kafka(KafkaCredentials.BROKER).certificate());
    X509Certificate gateway =
        TlsContexts.loadCertificate(credentials.kafka(KafkaCredentials.GATEWAY).certificate());
    String serverAuth = "1.3.6.1.5.5.7.3.1";
    String clientAuth = "1.3.6.1.5.5.7.3.2";
    assertThat(broker.getExtendedKeyUsage()).containsExactlyInAnyOrder(serverAuth, clientAuth);
    assertThat(broker.getSubjectAlternativeNames())
        .extracting(entry -> entry.get(1).toString())
        .contains("kafka", "localhost", "127.0.0.1");
    assertThat(gateway.getExtendedKeyUsage()).containsExactly(clientAuth);
  }

  @Test
  void theMappingRuleNamesKafkaCertificatesByTheirCnAndNothingElse() {
    assertThat(principal("CN=gateway,OU=kafka,O=Shiftproof Dev")).isEqualTo("gateway");
    // An organisation's certificate keeps its whole subject, which no ACL names.
    assertThat(principal("CN=platform-1,OU=platform,O=Shiftproof Dev"))
        .isEqualTo("CN=platform-1,OU=platform,O=Shiftproof Dev");
    // A CN cannot bring its own OU=kafka: RFC 2253 escapes the comma.
    String smuggled =
        new X500Principal("CN=gateway\\,OU=kafka,OU=platform,O=Shiftproof Dev").getName();
    assertThat(principal(smuggled)).isEqualTo(smuggled);
  }

  @Test
  void clientPropertiesCarryThePemMaterialAndThePinnedTls() {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    Map<String, String> client = credentials.kafka(KafkaCredentials.JOB).clientProperties();
    assertThat(client)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.enabled.protocols", "TLSv1.3,TLSv1.2")
        .containsEntry("ssl.endpoint.identification.algorithm", "https");
    assertThat(client.get("ssl.keystore.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(client.get("ssl.cipher.suites")).doesNotContain("CBC").contains("GCM");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    KafkaTls job = credentials.kafka(KafkaCredentials.JOB);
    KafkaTls mixed =
        new KafkaTls(
            job.caCertificate(),
            job.certificate(),
            credentials.kafka(KafkaCredentials.GATEWAY).privateKey());
    assertThatThrownBy(mixed::clientProperties)
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void kafkaIsNoOrganisationName() {
    assertThatThrownBy(
            () ->
                DevCredentials.ensure(
                    dir,
                    List.of(
                        new OrganisationIdentity(
                            "kafka", io.shiftproof.ledger.identity.Role.PLATFORM))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Kafka's own rule applied the way its SslPrincipalMapper does: the first matching RULE rewrites,
   * DEFAULT keeps the name.
   */
  private static String principal(String distinguishedName) {
    Matcher rule =
        Pattern.compile("RULE:(.*)/(.*)/,DEFAULT")
            .matcher(KafkaCredentials.PRINCIPAL_MAPPING_RULES);
    assertThat(rule.matches()).isTrue();
    Matcher name = Pattern.compile(rule.group(1)).matcher(distinguishedName);
    return name.matches() ? name.replaceAll(rule.group(2)) : distinguishedName;
  }
}
