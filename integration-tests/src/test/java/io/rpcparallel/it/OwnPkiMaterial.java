package io.rpcparallel.it;

import io.rpcparallel.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

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
    this(keyStore, false);
  }

  /**
   * The key and chain of {@code keyStore} (under {@link #DIR}), trusting the program's root; if
   * {@code anyIssuer}, the certificate is presented to every server, whichever issuers it asks for
   * (the JDK's key managers present none that the server's list does not name, so a stranger's
   * certificate would never reach the trust check that must refuse it).
   */
  OwnPkiMaterial(String keyStore, boolean anyIssuer) {
    try {
      KeyManagerFactory loaded = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      loaded.init(load(keyStore), PASSWORD);
      keys = anyIssuer ? anyIssuer(loaded) : loaded;
      trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load("trust.p12"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load the test PKI: " + e, e);
    }
  }

  /**
   * Key managers that present {@code loaded}'s certificate to every server, whichever issuers the
   * server asks for: how a stranger's certificate is made to reach the trust check that must
   * refuse it (the JDK's key managers would present none, and be refused for that).
   */
  static KeyManagerFactory anyIssuer(KeyManagerFactory loaded) {
    X509ExtendedKeyManager km = (X509ExtendedKeyManager) loaded.getKeyManagers()[0];
    X509ExtendedKeyManager any = new X509ExtendedKeyManager() {
      @Override public String[] getClientAliases(String keyType, Principal[] issuers) {
        return km.getClientAliases(keyType, null);
      }

      @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return km.chooseClientAlias(keyType, null, socket);
      }

      @Override public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return km.chooseEngineClientAlias(keyType, null, engine);
      }

      @Override public String[] getServerAliases(String keyType, Principal[] issuers) {
        return km.getServerAliases(keyType, issuers);
      }

      @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return km.chooseServerAlias(keyType, issuers, socket);
      }

      @Override public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return km.chooseEngineServerAlias(keyType, issuers, engine);
      }

      @Override public X509Certificate[] getCertificateChain(String alias) {
        return km.getCertificateChain(alias);
      }

      @Override public PrivateKey getPrivateKey(String alias) {
        return km.getPrivateKey(alias);
      }
    };
    return new KeyManagerFactory(new KeyManagerFactorySpi() {
      @Override protected void engineInit(KeyStore ks, char[] password) {}

      @Override protected void engineInit(ManagerFactoryParameters spec) {}

      @Override protected KeyManager[] engineGetKeyManagers() {
        return new KeyManager[] {any};
      }
    }, loaded.getProvider(), loaded.getAlgorithm()) {};
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
