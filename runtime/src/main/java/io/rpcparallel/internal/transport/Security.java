package io.rpcparallel.internal.transport;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.TlsMaterial;
import io.rpcparallel.Worker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Which connections of this process run over mutual TLS ({@code transport_security}), and the
 * material they use: the program's own ({@link TlsMaterial}), else credentials from the run's CA.
 * A master makes its CA at the first connection or spawn that needs TLS; a worker is given its
 * credentials at spawn, or asks its master for them the first time it needs them.
 */
public final class Security {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Security.class);
  private static final Object LOCK = new Object();
  private static TlsMaterial programMaterial;
  private static boolean serviceChecked;
  private static RunCa ca;
  private static TlsCredentials own;
  private static Supplier<TlsCredentials> fetch;
  private static boolean worker;
  private static boolean ownPki;
  private static volatile TlsContexts contexts;

  private Security() {}

  /** Uses {@code material} for every TLS connection of this process; before the first one. */
  public static void setProgramMaterial(TlsMaterial material) {
    synchronized (LOCK) {
      if (contexts != null) {
        throw new IllegalStateException("TLS is already in use in this process; set the TLS material before the"
            + " first spawn, serve or connect");
      }
      programMaterial = material;
      serviceChecked = true;
    }
  }

  /** The program's own material: set by it, else the first {@link TlsMaterial} service on the class path. */
  public static Optional<TlsMaterial> programMaterial() {
    synchronized (LOCK) {
      if (!serviceChecked) {
        serviceChecked = true;
        Iterator<TlsMaterial> it = ServiceLoader.load(TlsMaterial.class).iterator();
        if (it.hasNext()) {
          programMaterial = it.next();
        }
      }
      return Optional.ofNullable(programMaterial);
    }
  }

  /**
   * Adopts what a spawned worker was told: its credentials, if it was given any, else (when its
   * master uses the run's CA) where to ask for them.
   */
  public static void initWorker(WorkerTls told) {
    synchronized (LOCK) {
      worker = true;
      ownPki = told.ownPki();
      own = told.credentials().orElse(null);
    }
  }

  /** Sets where a worker without credentials asks for them (its master), once it can. */
  public static void setFetch(Supplier<TlsCredentials> ask) {
    synchronized (LOCK) {
      fetch = ask;
    }
  }

  /** The credentials this process has now, without making or fetching any. */
  public static Optional<TlsCredentials> credentialsIfAny() {
    synchronized (LOCK) {
      return Optional.ofNullable(own);
    }
  }

  /**
   * Credentials for a worker this process spawns: a fresh key signed by the run's CA (made now if
   * this master has none yet); a worker that spawns passes on its own, as it holds no CA.
   */
  public static TlsCredentials credentialsFor(String workerId) {
    synchronized (LOCK) {
      if (worker) {
        return credentials();
      }
      return ca().issue("worker " + workerId);
    }
  }

  private static RunCa ca() {
    if (ca == null) {
      ca = new RunCa();
    }
    return ca;
  }

  /** This process's own credentials: made (master) or fetched (worker) at first use. */
  private static TlsCredentials credentials() {
    if (own == null) {
      if (worker) {
        if (fetch == null) {
          throw new ConnectionException("this worker has no TLS credentials and cannot ask its master for them yet");
        }
        own = fetch.get();
      } else {
        own = ca().issue("master " + ProcessHandle.current().pid());
      }
    }
    return own;
  }

  /** The TLS contexts of this process, built at first use. */
  public static TlsContexts contexts() {
    TlsContexts c = contexts;
    if (c != null) {
      return c;
    }
    Optional<TlsMaterial> material = programMaterial();
    synchronized (LOCK) {
      if (contexts == null) {
        if (ownPki && material.isEmpty()) {
          throw new ConnectionException("the master uses the program's own TLS material (RpcParallel.setTlsMaterial)"
              + " and this worker has none: register the TlsMaterial implementation as a service"
              + " (META-INF/services/io.rpcparallel.TlsMaterial) so that workers find it too");
        }
        contexts = material.isPresent() ? TlsContexts.of(material.get())
            : TlsContexts.of(credentials());
        log.debug("TLS on the {} provider, with {}", TlsContexts.provider(),
            material.isPresent() ? "the program's own TlsMaterial" : "the run's CA");
      }
      return contexts;
    }
  }

  /**
   * Whether a server of this process speaks TLS.
   *
   * @param remoteLaunched whether it is the server of a worker started through a remote launcher,
   *     or a master's server for such workers
   * @param listenHost where it listens; empty for every address
   * @throws RpcException under {@code none}, for a server that would take plain connections from
   *     other hosts without {@code allow_insecure_remote}
   */
  public static boolean serverTls(RpcSettings s, boolean remoteLaunched, String listenHost) {
    return switch (s.transportSecurity()) {
      case TLS -> true;
      case AUTO -> remoteLaunched || !loopback(listenHost);
      case NONE -> {
        if ((remoteLaunched || !loopback(listenHost)) && !s.allowInsecureRemote()) {
          throw new RpcException(insecure(listenHost.isEmpty() ? "every address" : listenHost));
        }
        yield false;
      }
    };
  }

  /**
   * Whether a connection to {@code w} runs over TLS: when its handle says its server speaks TLS,
   * and under {@code auto} also when it is not on loopback.
   *
   * @throws ConnectionException under {@code none}, for a worker that speaks only TLS, or one not
   *     on loopback without {@code allow_insecure_remote}
   */
  public static boolean clientTls(RpcSettings s, Worker<?> w) {
    return switch (s.transportSecurity()) {
      case TLS -> true;
      case AUTO -> w.tls() || !loopback(w.host());
      case NONE -> {
        if (w.tls()) {
          throw new ConnectionException("worker " + w.displayName() + " at " + w.host() + ":" + w.port()
              + " accepts only TLS connections, and this process's transport_security is none");
        }
        if (!loopback(w.host()) && !s.allowInsecureRemote()) {
          throw new ConnectionException(insecure(w.host()));
        }
        yield false;
      }
    };
  }

  /** The message of a plain connection {@code none} refuses. */
  public static String insecure(String where) {
    return "transport_security=none refuses plain connections with " + where + ", which is not a loopback address"
        + " (or a worker on another host): anyone on the network path could read and inject calls. Use"
        + " transport_security=auto or tls, or set allow_insecure_remote=true on a network you trust";
  }

  /** Whether {@code host} names a loopback address; empty (every address) and unknown names do not. */
  public static boolean loopback(String host) {
    if (host.isEmpty()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
