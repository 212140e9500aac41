package io.rpcparallel;

import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key and trust material of your own PKI, used for every TLS connection of this process instead of
 * the run's own certificate authority (see docs/security.md).
 *
 * <p>Set it in the master with {@link RpcParallel#setTlsMaterial}. Workers need the same material,
 * and a worker is your program re-run, which (launched through {@code @RpcParallelApp}) runs none of
 * your {@code main}: register an implementation with a public no-argument constructor as a
 * {@link java.util.ServiceLoader} service ({@code META-INF/services/io.rpcparallel.TlsMaterial}),
 * which every process of the program finds on its class path. A program that routes its own
 * command line may instead call {@link RpcParallel#setTlsMaterial} before
 * {@link RpcParallel#workerCommand()}. rpc-parallel checks no host names: a peer is trusted when
 * its certificate passes {@link #trustManagers()}.
 */
public interface TlsMaterial {
  /** {@return the key managers that give this process's certificate, to servers and to clients} */
  KeyManagerFactory keyManagers();

  /** {@return the trust managers that decide which peers' certificates are accepted} */
  TrustManagerFactory trustManagers();

  /**
   * {@return material from two initialised factories}
   *
   * @param keys initialised key managers
   * @param trust initialised trust managers
   */
  static TlsMaterial of(KeyManagerFactory keys, TrustManagerFactory trust) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(trust, "trust");
    return new TlsMaterial() {
      @Override public KeyManagerFactory keyManagers() {
        return keys;
      }

      @Override public TrustManagerFactory trustManagers() {
        return trust;
      }
    };
  }
}
