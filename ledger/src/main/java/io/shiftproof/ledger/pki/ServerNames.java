package io.shiftproof.ledger.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The names the hub's TLS server certificate answers to: always {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1} (clients on the same machine), plus configured host names and
 * addresses.
 */
final class ServerNames {
  /** Names every hub server certificate carries. */
  static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final Set<String> dnsNames;
  private final Set<InetAddress> addresses;

  private ServerNames(Set<String> dnsNames, Set<InetAddress> addresses) {
    this.dnsNames = dnsNames;
    this.addresses = addresses;
  }

  /**
   * The loopback names plus {@code extraNames}; each extra name is an IPv4 or IPv6 literal or a DNS
   * name (a leading {@code *.} wildcard allowed).
   */
  static ServerNames withLoopbackAnd(List<String> extraNames) {
    Set<String> dnsNames = new LinkedHashSet<>();
    Set<InetAddress> addresses = new LinkedHashSet<>();
    List<String> all = new ArrayList<>(LOOPBACK);
    all.addAll(extraNames);
    for (String name : all) {
      String trimmed = name.trim();
      if (IPAddress.isValid(trimmed)) {
        addresses.add(literal(trimmed));
      } else {
        String dns = trimmed.toLowerCase(Locale.ROOT);
        if (dns.length() > 253 || !DNS_NAME.matcher(dns).matches()) {
          throw new IllegalArgumentException(
              "server name: got '" + name + "', want a DNS name or an IPv4/IPv6 address");
        }
        dnsNames.add(dns);
      }
    }
    return new ServerNames(dnsNames, addresses);
  }

  GeneralNames toGeneralNames() {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    addresses.forEach(
        address ->
            names.add(
                new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress()))));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /** The names this set has that the certificate's subjectAltName lacks, for error messages. */
  List<String> missingFrom(X509Certificate certificate) {
    Set<String> presentDns = new LinkedHashSet<>();
    Set<InetAddress> presentAddresses = new LinkedHashSet<>();
    Collection<List<?>> alternativeNames;
    try {
      alternativeNames = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      alternativeNames = null;
    }
    if (alternativeNames != null) {
      for (List<?> entry : alternativeNames) {
        int type = (Integer) entry.get(0);
        if (type == 2) {
          presentDns.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
        } else if (type == 7) {
          presentAddresses.add(literal((String) entry.get(1)));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    dnsNames.stream().filter(name -> !presentDns.contains(name)).forEach(missing::add);
    addresses.stream()
        .filter(address -> !presentAddresses.contains(address))
        .map(InetAddress::getHostAddress)
        .forEach(missing::add);
    return missing;
  }

  private static InetAddress literal(String address) {
    try {
      // Only ever called with an address literal, so this never touches DNS.
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("server name: got '" + address + "', want an address", e);
    }
  }
}
