package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.pki.CredentialException.Code;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM files of the credential layout. Keys are written as unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}), which curl, OpenSSL, Vert.x and the JDK all read, and readable only
 * by the owner.
 */
final class PemFiles {
  private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
  private static final JcaX509CRLConverter REVOCATION_LISTS = new JcaX509CRLConverter();
  // No provider set: keys come out as the JDK's own classes, which JSSE handles best.
  private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

  private PemFiles() {}

  /** Every certificate in a PEM file, in file order (leaf first for a chain). */
  static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : readObjects(file)) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          certificates.add(CERTIFICATES.getCertificate(holder));
        } catch (CertificateException e) {
          throw malformed(file, "a certificate that does not decode", e);
        }
      }
    }
    if (certificates.isEmpty()) {
      throw malformed(file, "no CERTIFICATE block", null);
    }
    return List.copyOf(certificates);
  }

  /** The one private key in a PEM file, PKCS#8 ({@code PRIVATE KEY}) or SEC 1 ({@code EC ...}). */
  static PrivateKey readPrivateKey(Path file) {
    for (Object object : readObjects(file)) {
      try {
        if (object instanceof PrivateKeyInfo info) {
          return KEYS.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
        }
      } catch (IOException e) {
        throw new CredentialException(
            Code.UNSUPPORTED_KEY,
            file + ": the JDK cannot use this private key (" + e.getMessage() + ")",
            e);
      }
      if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new CredentialException(
            Code.UNSUPPORTED_KEY,
            file
                + ": the private key is encrypted; write it unencrypted with"
                + " 'openssl pkey -in <file> -out <file>' and keep it readable by its owner only");
      }
    }
    throw malformed(file, "no PRIVATE KEY block", null);
  }

  /** Every certificate revocation list in a PEM file ({@code X509 CRL} blocks), in file order. */
  static List<X509CRL> readRevocationLists(Path file) {
    List<X509CRL> lists = new ArrayList<>();
    for (Object object : readObjects(file)) {
      if (object instanceof X509CRLHolder holder) {
        try {
          lists.add(REVOCATION_LISTS.getCRL(holder));
        } catch (CRLException e) {
          throw malformed(file, "a revocation list that does not decode", e);
        }
      }
    }
    if (lists.isEmpty()) {
      throw malformed(file, "no X509 CRL block", null);
    }
    return List.copyOf(lists);
  }

  /** Writes a revocation list, replacing the file if it exists (a CRL is superseded, not kept). */
  static void writeRevocationList(Path file, X509CRL list) {
    try {
      write(file, pem(new PemObject("X509 CRL", list.getEncoded())), false, true);
    } catch (CRLException e) {
      throw new IllegalStateException("a revocation list just issued does not encode", e);
    }
  }

  /** Certificates as PEM text, in order. */
  static String certificatesPem(List<X509Certificate> certificates) {
    StringBuilder text = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        text.append(pem(new PemObject("CERTIFICATE", certificate.getEncoded())));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a decoded certificate does not encode", e);
      }
    }
    return text.toString();
  }

  /** A private key as unencrypted PKCS#8 PEM text, the one private-key form every reader takes. */
  static String privateKeyPem(PrivateKey key) {
    return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** Writes a certificate; refuses to replace an existing file. */
  static void writeCertificate(Path file, X509Certificate certificate) {
    try {
      writeNew(file, pem(new PemObject("CERTIFICATE", certificate.getEncoded())), false);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate just issued does not encode", e);
    }
  }

  /**
   * Writes a P-256 private key as PKCS#8 with its public key inside, as {@code openssl genpkey}
   * does. The JDK's own encoding omits the public key, and some readers (ring, hence much of the
   * Rust ecosystem) refuse a PKCS#8 EC key without it. Refuses to replace an existing file.
   */
  static void writePrivateKey(Path file, KeyPair keyPair) {
    writeNew(file, pem(new PemObject("PRIVATE KEY", pkcs8WithPublicKey(keyPair))), true);
  }

  private static byte[] pkcs8WithPublicKey(KeyPair keyPair) {
    if (!(keyPair.getPrivate() instanceof ECPrivateKey privateKey)) {
      throw new IllegalArgumentException(
          "key: got " + keyPair.getPrivate().getAlgorithm() + ", want an EC key");
    }
    try {
      SubjectPublicKeyInfo publicInfo =
          SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
      AlgorithmIdentifier algorithm = publicInfo.getAlgorithm();
      org.bouncycastle.asn1.sec.ECPrivateKey ecPrivateKey =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256, privateKey.getS(), publicInfo.getPublicKeyData(), null);
      return new PrivateKeyInfo(algorithm, ecPrivateKey).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("a generated key does not encode", e);
    }
  }

  private static String pem(PemObject object) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Writes to a temporary file and moves it into place, so a reader never sees half a file, and
   * fails rather than replace an existing file. A secret file is created owner-only from the start,
   * never widened and then narrowed.
   */
  private static void writeNew(Path file, String content, boolean secret) {
    write(file, content, secret, false);
  }

  private static void write(Path file, String content, boolean secret, boolean replace) {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary =
          secret && supportsPosix()
              ? Files.createTempFile(
                  directory,
                  ".tmp-",
                  ".pem",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(directory, ".tmp-", ".pem");
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      if (!secret && supportsPosix()) {
        // Temporary files start owner-only; certificates are public and others may need them.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      if (replace) {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // Without REPLACE_EXISTING the move fails when the target exists: never overwrite.
        Files.move(temporary, file);
      }
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // The original failure matters more than a stray temporary file.
        }
      }
    }
  }

  private static boolean supportsPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static List<Object> readObjects(Path file) {
    List<Object> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (NoSuchFileException e) {
      throw new CredentialException(Code.MISSING_FILE, file + ": no such file", e);
    } catch (IOException | RuntimeException e) {
      throw malformed(file, "content that is not PEM (" + e.getMessage() + ")", e);
    }
    return objects;
  }

  private static CredentialException malformed(Path file, String found, Throwable cause) {
    return new CredentialException(
        Code.MALFORMED_PEM, file + ": found " + found + ", want a PEM file", cause);
  }
}
