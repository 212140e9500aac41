package io.rpcparallel.internal.transport;

import io.rpcparallel.WireFormatException;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * One process's key and certificate, signed by its run's CA, and the CA's certificate: what a
 * master hands a worker it spawns (on the worker's stdin, with the run's secret). Decoded with the
 * JDK alone, so a worker never loads BouncyCastle.
 *
 * @param key the process's private key
 * @param cert its certificate, signed by the run's CA
 * @param ca the run's CA certificate, the only one trusted
 */
public record TlsCredentials(PrivateKey key, X509Certificate cert, X509Certificate ca) {
  /** Writes the three as DER bytes (the key as PKCS#8). */
  public void encode(WireOutput out) {
    try {
      out.writeString(key.getAlgorithm());
      out.writeBytes(key.getEncoded());
      out.writeBytes(cert.getEncoded());
      out.writeBytes(ca.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate: " + e, e);
    }
  }

  /** Reads what {@link #encode} wrote. */
  public static TlsCredentials decode(WireInput in) {
    String algorithm = in.readString();
    byte[] key = in.readBytes();
    byte[] cert = in.readBytes();
    byte[] ca = in.readBytes();
    try {
      PrivateKey k = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key));
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      return new TlsCredentials(k, (X509Certificate) f.generateCertificate(new ByteArrayInputStream(cert)),
          (X509Certificate) f.generateCertificate(new ByteArrayInputStream(ca)));
    } catch (GeneralSecurityException e) {
      throw new WireFormatException("bad TLS credentials: " + e.getMessage());
    }
  }
}
