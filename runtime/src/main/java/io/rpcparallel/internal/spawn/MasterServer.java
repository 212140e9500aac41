package io.rpcparallel.internal.spawn;

import io.rpcparallel.RemoteException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.launch.MasterProtocol;
import io.rpcparallel.internal.wire.Frames;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.RpcServer;
import io.rpcparallel.internal.transport.Security;
import io.rpcparallel.internal.transport.ServerConnection;
import io.rpcparallel.internal.transport.TlsContexts;
import io.rpcparallel.internal.transport.TlsCredentials;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small server every spawning process runs, started at its first spawn: spawned workers
 * connect back to it to register (or to report a failed init), and keep that connection open as
 * their lifeline to the master, with heartbeats both ways.
 */
public final class MasterServer {
  private static final Logger log = LoggerFactory.getLogger(MasterServer.class);
  /** The master protocol, spoken between a worker and its spawner. */

  private static volatile MasterServer instance;

  /** What a worker said when it connected back. */
  public sealed interface Report {}

  /** Registered: serving on {@code port}, with this lifeline connection. */
  public record Registered(String host, int port, long pid, ServerConnection lifeline) implements Report {}

  /** Its init threw: {@code text} is the exception with its stack trace. */
  public record InitFailed(String text) implements Report {}

  private final RpcServer server;
  /** Where workers on other hosts connect back, started at the first remote spawn. */
  private RpcServer remoteServer;
  private final Map<String, CompletableFuture<Report>> expected = new ConcurrentHashMap<>();
  private final Map<String, FailureHandler> failureHandlers = new ConcurrentHashMap<>();

  /** Where a registered worker's background failures go. */
  record FailureHandler(String displayName, Consumer<? super RemoteException> callback) {}

  private MasterServer() {
    server = new RpcServer(MasterProtocol.ENDPOINT, RunContext.settings(), RunContext.secret(), this::dispatcher,
        new RpcServer.Listener() {}).withTls(tls(false, "127.0.0.1")).start("127.0.0.1");
  }

  /** The process's master server, started on first use. */
  public static MasterServer get() {
    MasterServer m = instance;
    if (m == null) {
      synchronized (MasterServer.class) {
        m = instance;
        if (m == null) {
          m = new MasterServer();
          instance = m;
        }
      }
    }
    return m;
  }

  /**
   * Stops this process's master server, if it started: no worker can register with it any more.
   * The next spawn starts a new one.
   */
  public static void stop() {
    MasterServer m;
    synchronized (MasterServer.class) {
      m = instance;
      instance = null;
    }
    if (m != null) {
      m.server.close();
      synchronized (m) {
        if (m.remoteServer != null) {
          m.remoteServer.close();
        }
      }
    }
  }

  /** Whether this process has started its master server (it has spawned). */
  public static boolean started() {
    return instance != null;
  }

  public String host() {
    return "127.0.0.1";
  }

  /**
   * The port workers on other hosts connect back to: a second server, on the
   * {@code listen_address} setting (default every address), started on first use.
   */
  synchronized int remotePort() {
    if (remoteServer == null) {
      String listen = RunContext.settings().listenAddress();
      remoteServer = new RpcServer(MasterProtocol.ENDPOINT, RunContext.settings(), RunContext.secret(), this::dispatcher,
          new RpcServer.Listener() {}).withTls(tls(true, listen)).start(listen);
      log.debug("listening for workers on other hosts on {} port {}", listen.isEmpty() ? "every address" : listen,
          remoteServer.port());
    }
    return remoteServer.port();
  }

  /** The TLS contexts of a server of this process for local or remote workers, or null for plain. */
  private static TlsContexts tls(boolean remote, String listen) {
    return Security.serverTls(RunContext.settings(), remote, listen) ? Security.contexts() : null;
  }

  /** Whether workers on this machine connect back over TLS. */
  public boolean localTls() {
    return server.tls();
  }

  /** Whether workers on other hosts connect back over TLS (the remote server is started if need be). */
  synchronized boolean remoteTls() {
    remotePort();
    return remoteServer.tls();
  }

  /**
   * Where a worker on another host may reach this process, to try (all at once) when it cannot tell
   * by itself: this machine's addresses other than loopback (IPv4 first), then loopback.
   */
  static List<String> candidateAddresses() {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a.isLinkLocalAddress()) {
            continue;
          }
          (a instanceof Inet4Address ? v4 : v6).add(a.getHostAddress());
        }
      }
    } catch (SocketException e) {
      log.debug("could not list this machine's addresses", e);
    }
    List<String> all = new ArrayList<>(v4);
    all.addAll(v6);
    all.add("127.0.0.1");
    return all;
  }

  public int port() {
    return server.port();
  }

  /** Expects a report from worker {@code id}. */
  CompletableFuture<Report> expect(String id) {
    CompletableFuture<Report> f = new CompletableFuture<>();
    expected.put(id, f);
    return f;
  }

  /** Stops expecting worker {@code id}: a late registration is refused, and the worker exits. */
  void forget(String id) {
    CompletableFuture<Report> f = expected.remove(id);
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Routes worker {@code id}'s background failures to {@code callback}, until the worker is gone. */
  void onFailure(String id, String displayName, Consumer<? super RemoteException> callback) {
    failureHandlers.put(id, new FailureHandler(displayName, callback));
  }

  void workerGone(String id) {
    failureHandlers.remove(id);
  }

  private Dispatcher dispatcher(ServerConnection connection) {
    return (methodId, args, responder) -> {
      String id = args.readString();
      switch (methodId) {
        case MasterProtocol.REGISTER -> {
          String host = args.readString();
          int port = args.readInt();
          long pid = args.readLong();
          CompletableFuture<Report> f = expected.remove(id);
          if (f == null || !f.complete(new Registered(host, port, pid, connection))) {
            responder.fail(new IllegalStateException("worker " + id
                + " registered too late: its spawn already failed; exiting"));
            return;
          }
          responder.reply(out -> {});
        }
        case MasterProtocol.INIT_FAILED -> {
          String text = args.readString();
          CompletableFuture<Report> f = expected.remove(id);
          if (f != null) {
            f.complete(new InitFailed(text));
          }
          responder.reply(out -> {});
        }
        case MasterProtocol.BACKGROUND_FAILURE -> {
          FailureHandler h = failureHandlers.get(id);
          RemoteException failure = Frames.readError(args, h == null ? id : h.displayName());
          responder.reply(out -> {});
          if (h == null) {
            SpawnOptions.PRINT_FAILURE.accept(failure);
            return;
          }
          try {
            h.callback().accept(failure);
          } catch (RuntimeException e) {
            log.warn("the onFailure callback of worker {} threw", h.displayName(), e);
          }
        }
        case MasterProtocol.TLS_CREDENTIALS -> {
          if (Security.programMaterial().isPresent()) {
            responder.fail(new IllegalStateException("this run uses the program's own TLS material, not the run's CA:"
                + " the worker must find it (a TlsMaterial service)"));
            return;
          }
          TlsCredentials c = Security.credentialsFor(id);
          responder.reply(c::encode);
        }
        default -> responder.unknownMethod(methodId);
      }
    };
  }
}
