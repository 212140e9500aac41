package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RemoteException;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.internal.gen.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server and clients in one JVM over loopback, with a hand-written dispatcher. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportTest {
  private static final Endpoint ENDPOINT = new Endpoint("test.Echo", "0123456789abcdef");
  private static final int ECHO = 1;
  private static final int THROW = 2;
  private static final int BLOCK = 3;
  private static final RpcSettings SETTINGS = RpcSettings.effective(null,
      RpcSettings.builder().maxMessageSize(64 * 1024).handshakeTimeout(Duration.ofSeconds(5)));

  private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<ClientConnection> clients = new ArrayList<>();
  private RpcServer server;
  private Worker<Object> worker;

  @BeforeEach
  void start() {
    Dispatcher d = (methodId, args, responder) -> {
      switch (methodId) {
        case ECHO -> {
          String s = args.readString();
          responder.reply(out -> out.writeString(s));
        }
        case THROW -> throw new IllegalArgumentException("no " + args.readString());
        case BLOCK -> {
          blocked.countDown();
          release.await();
          responder.reply(out -> {});
        }
        default -> responder.unknownMethod(methodId);
      }
    };
    server = new RpcServer(ENDPOINT, SETTINGS, secret, c -> d, new RpcServer.Listener() {}).start("127.0.0.1");
    worker = new Worker<>(ENDPOINT.interfaceName(), ENDPOINT.fingerprint(), "127.0.0.1", server.port(), "w1",
        Optional.empty());
  }

  @AfterEach
  void stop() {
    release.countDown();
    clients.forEach(ClientConnection::close);
    server.close();
  }

  private ClientConnection connect(Endpoint endpoint, byte[] key) {
    ClientConnection c = ClientConnection.open(endpoint, worker, SETTINGS, key, Duration.ofSeconds(5));
    clients.add(c);
    return c;
  }

  @Test
  void aConnectionStateThatFailsToBuildClosesItsConnectionAndOnlyIt() throws Exception {
    CountDownLatch serverSideClosed = new CountDownLatch(1);
    Dispatcher d = (methodId, args, responder) -> responder.reply(out -> out.writeString(
        (String) CurrentConnection.state()));
    RpcServer stateful = new RpcServer(ENDPOINT, SETTINGS, secret, c -> d, new RpcServer.Listener() {
      @Override
      public void closed(ServerConnection connection) {
        serverSideClosed.countDown();
      }
    }).withConnectionStates(in -> {
      String user = in.readString();
      if (user.startsWith("bad")) {
        throw new IllegalArgumentException("refused " + user);
      }
      return "state of " + user;
    }).start("127.0.0.1");
    try {
      Worker<Object> w = new Worker<>(ENDPOINT.interfaceName(), ENDPOINT.fingerprint(), "127.0.0.1", stateful.port(),
          "w2", Optional.empty());
      ClientConnection good = ClientConnection.open(ENDPOINT, w, SETTINGS, secret, Duration.ofSeconds(5));
      clients.add(good);
      RemoteException early = assertThrows(RemoteException.class,
          () -> good.callBlocking(ECHO, out -> {}, in -> in.readString()));
      assertTrue(early.getMessage().contains("no connection state yet"), early.getMessage());
      good.buildState(out -> out.writeString("ann"));
      assertEquals("state of ann", good.callBlocking(ECHO, out -> {}, in -> in.readString()));

      // The client does not close: the worker closes the connection after answering.
      ClientConnection bad = ClientConnection.open(ENDPOINT, w, SETTINGS, secret, Duration.ofSeconds(5));
      clients.add(bad);
      ExecutionException e = assertThrows(ExecutionException.class, () -> bad.controlCall(
          io.rpcparallel.internal.wire.Frames.BUILTIN_CONNECT, out -> out.writeString("bad bob"), in -> null)
          .get(10, TimeUnit.SECONDS));
      assertEquals("refused bad bob", ((RemoteException) e.getCause()).remoteMessage());
      assertTrue(serverSideClosed.await(10, TimeUnit.SECONDS), "the worker closed the connection");
      bad.closed().get(10, TimeUnit.SECONDS);

      ConnectionException viaConnect = assertThrows(ConnectionException.class, () -> {
        ClientConnection c = ClientConnection.open(ENDPOINT, w, SETTINGS, secret, Duration.ofSeconds(5));
        clients.add(c);
        c.buildState(out -> out.writeString("bad carl"));
      });
      assertTrue(viaConnect.getMessage().endsWith(
          "building the connection state failed: java.lang.IllegalArgumentException: refused bad carl"),
          viaConnect.getMessage());
      assertEquals("state of ann", good.callBlocking(ECHO, out -> {}, in -> in.readString()));
    } finally {
      stateful.close();
    }
  }

  @Test
  void callsRepliesAndRemoteErrors() {
    ClientConnection c = connect(ENDPOINT, secret);
    assertEquals("héllo", c.callBlocking(ECHO, out -> out.writeString("héllo"), in -> in.readString()));
    RemoteException e = assertThrows(RemoteException.class,
        () -> c.callBlocking(THROW, out -> out.writeString("way"), in -> null));
    assertEquals("java.lang.IllegalArgumentException", e.remoteClass());
    assertEquals("no way", e.remoteMessage());
    RemoteException unknown = assertThrows(RemoteException.class, () -> c.callBlocking(99, out -> {}, in -> null));
    assertTrue(unknown.getMessage().contains("unknown method id 0x00000063"), unknown.getMessage());
    assertEquals(SETTINGS, c.settings());
    assertEquals("still", c.callBlocking(ECHO, out -> out.writeString("still"), in -> in.readString()));
  }

  @Test
  void wrongSecretAndWrongInterfaceAreRefused() {
    ConnectionException auth = assertThrows(ConnectionException.class,
        () -> connect(ENDPOINT, "another secret of 32 bytes......".getBytes()));
    assertTrue(auth.getMessage().contains("closed during the handshake"), auth.getMessage());
    ConnectionException mismatch = assertThrows(ConnectionException.class,
        () -> connect(new Endpoint("test.Echo", "ffffffffffffffff"), secret));
    assertTrue(mismatch.getMessage().startsWith("interface mismatch: the worker at w1"), mismatch.getMessage());
    assertTrue(mismatch.getMessage().contains("0123456789abcdef"), mismatch.getMessage());
  }

  @Test
  void oversizedArgumentsFailBeforeSendingAndTheConnectionLivesOn() {
    ClientConnection c = connect(ENDPOINT, secret);
    String big = "x".repeat(100 * 1024);
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> c.callBlocking(ECHO, out -> out.writeString(big), in -> in.readString()));
    assertTrue(e.getMessage().contains("max message size of 65536 bytes"), e.getMessage());
    assertEquals("ok", c.callBlocking(ECHO, out -> out.writeString("ok"), in -> in.readString()));
  }

  @Test
  void callsInFlightFailWhenTheServerGoesAway() throws Exception {
    ClientConnection c = connect(ENDPOINT, secret);
    CompletableFuture<Void> inFlight = c.call(BLOCK, out -> {}, in -> null);
    assertTrue(blocked.await(10, TimeUnit.SECONDS));
    server.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> inFlight.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof WorkerDiedException, e.getCause().toString());
    RpcException after = assertThrows(RpcException.class,
        () -> c.callBlocking(ECHO, out -> out.writeString("x"), in -> in.readString()));
    assertTrue(after instanceof WorkerDiedException, after.toString());
  }

  @Test
  void closeServerStopsNewConnectionsButOpenOnesWork() {
    ClientConnection c = connect(ENDPOINT, secret);
    c.closeServer();
    assertThrows(ConnectionException.class, () -> connect(ENDPOINT, secret));
    assertEquals("open", c.callBlocking(ECHO, out -> out.writeString("open"), in -> in.readString()));
  }
}
