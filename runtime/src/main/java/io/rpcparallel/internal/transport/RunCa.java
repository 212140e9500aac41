package io.rpcparallel.internal.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A run's own certificate authority: an EC P-256 key made in memory by the master, which signs one
 * certificate per process of the run. Every end of a TLS connection trusts this CA and nothing
 * else, so a certificate proves "a process of this run"; no host names are checked. Certificates
 * are built with BouncyCastle (the JDK exports no API for it); keys and signatures use the JDK's
 * own providers, so BouncyCastle is not registered as a provider.
 */
public final class RunCa {
  /** Long enough for any run: the CA's key lives only in the memory of the run's master. */
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair key;
  private final X509Certificate cert;
  private final X500Name name;

  /** Makes a fresh CA. */
  public RunCa() {
    try {
      key = ecKey();
      String id = Long.toHexString(RANDOM.nextLong());
      name = new X500Name("CN=rpc-parallel run " + id);
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)), name, key.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      cert = sign(b, key.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("could not make the run's certificate authority: " + e, e);
    }
  }

  /** The CA's certificate, which every end trusts. */
  public X509Certificate certificate() {
    return cert;
  }

  /** A fresh key and a certificate for it, signed by this CA, for one process of the run. */
  public TlsCredentials issue(String role) {
    try {
      KeyPair leaf = ecKey();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
          new X500Name("CN=rpc-parallel " + role.replaceAll("[^A-Za-z0-9 ._-]", "_")), leaf.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      // Every process is both a server and a client of others.
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      return new TlsCredentials(leaf.getPrivate(), sign(b, key.getPrivate()), cert);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("could not issue a certificate for " + role + ": " + e, e);
    }
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(120, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(signer)));
  }
}
