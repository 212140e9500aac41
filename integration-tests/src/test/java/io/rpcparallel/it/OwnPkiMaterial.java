package io.rpcparallel.it;

import io.rpcparallel.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A program's own PKI, as a {@link TlsMaterial} service: this process's key and certificate chain
 * ({@code rpc-it-pki/node.p12}) and the root it trusts ({@code rpc-it-pki/trust.p12}), read from the
 * class path. Inert on the tests' class path: only {@link OwnPkiIT} puts the keystores and the
 * {@code META-INF/services/io.rpcparallel.TlsMaterial} file naming this class on a master's (and so
 * its workers') class path.
 */
public final class OwnPkiMaterial implements TlsMaterial {
  /** Where the keystores are on the class path. */
  static final String DIR = "rpc-it-pki/";
  /** The keystores' password (test material only). */
  static final char[] PASSWORD = "rpc-it".toCharArray();

  private final KeyManagerFactory keys;
  private final TrustManagerFactory trust;

  /** The node's key and the trusted root, as every process of the program finds them. */
  public OwnPkiMaterial() {
    this("node.p12");
  }

  /** The key and chain of {@code keyStore} (under {@link #DIR}), trusting the program's root. */
  OwnPkiMaterial(String keyStore) {
    try {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(keyStore), PASSWORD);
      trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load("trust.p12"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load the test PKI: " + e, e);
    }
  }

  private static KeyStore load(String name) throws GeneralSecurityException {
    try (InputStream in = OwnPkiMaterial.class.getClassLoader().getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(DIR + name + " is not on the class path");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD);
      return ks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public KeyManagerFactory keyManagers() {
    return keys;
  }

  @Override
  public TrustManagerFactory trustManagers() {
    return trust;
  }
}
