package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.RpcSettings.TransportSecurity;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.Dispatcher;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers and clients over TLS in one JVM: the run's CA lets members in, a certificate of another
 * run's CA is refused before any frame is decoded, and a plain end meets a TLS end only to be refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransportTest {
  private static final Endpoint ENDPOINT = new Endpoint("test.Echo", "0123456789abcdef");
  private static final int ECHO = 1;
  private static final RpcSettings SETTINGS = RpcSettings.effective(null,
      RpcSettings.builder().handshakeTimeout(Duration.ofSeconds(2)));
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
  private final AtomicInteger calls = new AtomicInteger();
  private final Transport transport = new Transport();
  private final RunCa ours = new RunCa();

  @AfterEach
  void stop() {
    transport.shutdown(Duration.ofSeconds(2));
  }

  private RpcServer server(TlsContexts tls) {
    Dispatcher d = (methodId, args, responder) -> {
      calls.incrementAndGet();
      String s = args.readString();
      responder.reply(out -> out.writeString(s));
    };
    return new RpcServer(transport, ENDPOINT, SETTINGS, secret, c -> d, new RpcServer.Listener() {})
        .withTls(tls).start("127.0.0.1");
  }

  private static Worker<Object> handle(RpcServer s) {
    return new Worker<>(ENDPOINT.interfaceName(), ENDPOINT.fingerprint(), "127.0.0.1", s.port(), "w1",
        Optional.empty(), s.tls());
  }

  private ClientConnection open(RpcServer s, TlsContexts tls) {
    return ClientConnection.open(transport, ClientConnection.DeathReporter.NONE, ENDPOINT, handle(s), SETTINGS, secret,
        TIMEOUT, tls);
  }

  @Test
  void membersOfTheRunTalkOverTlsAndStillRunTheHandshake() {
    RpcServer s = server(TlsContexts.of(ours.issue("server")));
    assertTrue(s.tls());
    try (ClientConnection c = open(s, TlsContexts.of(ours.issue("client")))) {
      assertTrue(c.encrypted());
      assertEquals("hi", c.callBlocking(ECHO, out -> out.writeString("hi"), in -> in.readString()));
    }
    // The HMAC handshake still runs inside TLS: a member of the run without the secret is refused.
    ConnectionException e = assertThrows(ConnectionException.class, () -> ClientConnection.open(transport,
        ClientConnection.DeathReporter.NONE, ENDPOINT, handle(s), SETTINGS, "another secret, 32 bytes long..".getBytes(),
        TIMEOUT, TlsContexts.of(ours.issue("client"))));
    assertTrue(e.getMessage().contains("closed during the handshake"), e.getMessage());
    s.close();
  }

  @Test
  void aCertificateOfAnotherRunIsRefusedBeforeAnythingIsDecoded() {
    RpcServer s = server(TlsContexts.of(ours.issue("server")));
    // It trusts this run's CA, but its own certificate comes from another run's.
    TlsCredentials theirs = new RunCa().issue("stranger");
    TlsContexts stranger = TlsContexts.of(new TlsCredentials(theirs.key(), theirs.cert(), ours.certificate()));
    ConnectionException e = assertThrows(ConnectionException.class, () -> open(s, stranger));
    assertTrue(e.getMessage().startsWith("TLS handshake with w1 (127.0.0.1:" + s.port() + ") failed: ")
        || e.getMessage().contains("closed during the handshake"), e.getMessage());
    assertEquals(0, calls.get());
    assertTrue(s.openConnections().isEmpty());
    s.close();
  }

  @Test
  void aServerOfAnotherRunIsRefusedByTheClient() {
    RpcServer s = server(TlsContexts.of(new RunCa().issue("server")));
    ConnectionException e = assertThrows(ConnectionException.class, () -> open(s, TlsContexts.of(ours.issue("c"))));
    assertTrue(e.getMessage().startsWith("TLS handshake with w1"), e.getMessage());
    assertTrue(e.getMessage().contains("both ends must agree on transport_security"), e.getMessage());
    s.close();
  }

  @Test
  void aTlsClientOfAPlainServerAndAPlainClientOfATlsServerAreRefused() {
    RpcServer plain = server(null);
    ConnectionException e = assertThrows(ConnectionException.class, () -> open(plain, TlsContexts.of(ours.issue("c"))));
    assertTrue(e.getMessage().startsWith("TLS handshake with w1"), e.getMessage());
    plain.close();

    RpcServer tls = server(TlsContexts.of(ours.issue("server")));
    ConnectionException e2 = assertThrows(ConnectionException.class, () -> open(tls, null));
    assertTrue(e2.getMessage().contains("a worker that accepts only TLS"), e2.getMessage());
    assertEquals(0, calls.get());
    tls.close();
  }

  @Test
  void theModesDecideByLauncherAndAddress() {
    RpcSettings auto = RpcSettings.DEFAULTS;
    RpcSettings none = RpcSettings.effective("transport_security=none", null);
    RpcSettings noneAllowed = RpcSettings.effective("transport_security=none,allow_insecure_remote=true", null);
    RpcSettings tls = RpcSettings.effective("transport_security=TLS", null);
    assertEquals(TransportSecurity.AUTO, auto.transportSecurity());
    assertFalse(Security.serverTls(auto, false, "127.0.0.1"));
    assertTrue(Security.serverTls(auto, true, "127.0.0.2"));
    assertTrue(Security.serverTls(auto, false, ""));
    assertTrue(Security.serverTls(tls, false, "127.0.0.1"));
    assertFalse(Security.serverTls(none, false, "127.0.0.1"));
    RpcException refused = assertThrows(RpcException.class, () -> Security.serverTls(none, true, "127.0.0.2"));
    assertTrue(refused.getMessage().startsWith("transport_security=none refuses plain connections"), refused.getMessage());
    assertFalse(Security.serverTls(noneAllowed, true, "10.1.2.3"));

    Worker<Object> local = new Worker<>("X", "f", "127.0.0.1", 1, "w", Optional.empty());
    Worker<Object> remoteOnLoopback = new Worker<>("X", "f", "127.0.0.2", 1, "w", Optional.empty(), true);
    Worker<Object> elsewhere = new Worker<>("X", "f", "10.1.2.3", 1, "w", Optional.empty());
    assertFalse(Security.clientTls(auto, local));
    assertTrue(Security.clientTls(auto, remoteOnLoopback));
    assertTrue(Security.clientTls(auto, elsewhere));
    assertTrue(Security.clientTls(tls, local));
    assertFalse(Security.clientTls(none, local));
    assertThrows(ConnectionException.class, () -> Security.clientTls(none, elsewhere));
    assertThrows(ConnectionException.class, () -> Security.clientTls(none, remoteOnLoopback));
    assertFalse(Security.clientTls(noneAllowed, elsewhere));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> RpcSettings.effective("transport_security=maybe", null));
    assertEquals("RPC_PARALLEL_RPC_SETTINGS: transport_security must be auto, tls or none, got 'maybe'",
        bad.getMessage());
  }
}
