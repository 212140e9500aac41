package io.rpcparallel.it;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.Redirect;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.TlsMaterial;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.RunCa;
import io.rpcparallel.internal.transport.Security;
import io.rpcparallel.internal.transport.TlsContexts;
import io.rpcparallel.internal.transport.TlsCredentials;
import io.rpcparallel.internal.wire.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A master run with the {@code transport_security} of its environment: spawns a local worker,
 * calls it through a recording proxy and prints what the proxy saw in clear; then (when its own
 * connections use TLS) tries the worker with a certificate of another run's CA. Prints
 * {@code KEY value} lines, then {@code DONE}. {@code args[0]}: a file for the worker's stderr.
 */
public final class SecurityProgram {
  private SecurityProgram() {}

  public static void main(String[] args) throws Exception {
    Path stderr = Path.of(args[0]);
    try (TestWorkerClient direct = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("secured").withStderr(Redirect.truncate(stderr)))) {
      Worker<?> w = direct.control().worker();
      System.out.println("WORKER_TLS " + w.tls());
      System.out.println("DIRECT_ENCRYPTED " + direct.control().encrypted());
      String argument = "KNOWN-ARGUMENT-" + UUID.randomUUID();
      try (TcpProxy proxy = new TcpProxy(w.port())) {
        Worker<TestWorker> via = new Worker<>(w.interfaceName(), w.fingerprint(), "127.0.0.1", proxy.port(), w.id(),
            w.name(), w.tls());
        try (TestWorkerClient c = TestWorkerRpc.connect(via)) {
          System.out.println("ECHO " + argument.equals(c.echo(argument)));
          System.out.println("PROXY_ENCRYPTED " + c.control().encrypted());
        }
        byte[] seen = proxy.recorded();
        System.out.println("PROXY_BYTES " + seen.length);
        System.out.println("SAW_ARGUMENT " + Bytes.contains(seen, argument.getBytes(StandardCharsets.UTF_8)));
        System.out.println("SAW_HEADER " + (Bytes.contains(seen, ByteBuffer.allocate(4).putInt(Frames.MAGIC).array())
            || Bytes.contains(seen, w.interfaceName().getBytes(StandardCharsets.UTF_8))));
      }
      if (w.tls()) {
        // A peer that knows the run's secret and trusts its CA, but holds a certificate of another run's CA,
        // which it presents whatever CAs the worker asks for: the worker's trust check is what refuses it.
        TlsCredentials theirs = new RunCa().issue("stranger");
        TlsCredentials mine = Security.credentialsIfAny().orElseThrow();
        try {
          ClientConnection.open(RunContext.transport(), ClientConnection.DeathReporter.NONE,
              new Endpoint(w.interfaceName(), w.fingerprint()), w, RunContext.settings(), RunContext.secret(),
              Duration.ofSeconds(10), TlsContexts.of(presentedToAnyServer(theirs, mine.ca()))).close();
          System.out.println("STRANGER connected");
        } catch (ConnectionException e) {
          System.out.println("STRANGER refused: " + e.getMessage());
        }
      }
      System.out.println("TOTAL " + direct.add(0));
    }
    String log = Files.readString(stderr);
    System.out.println("WORKER_REJECTED " + log.lines().filter(l -> l.contains("rejected connection"))
        .map(String::strip).reduce((a, b) -> a + " | " + b).orElse("nothing"));
    System.out.println("DONE");
    RpcParallel.shutdown(Duration.ofSeconds(5));
  }

  /** Material that presents {@code own}'s certificate to every server and trusts {@code ca}. */
  private static TlsMaterial presentedToAnyServer(TlsCredentials own, X509Certificate ca) throws Exception {
    char[] password = "stranger".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("stranger", own.key(), password, new Certificate[] {own.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    return TlsMaterial.of(OwnPkiMaterial.anyIssuer(kmf), tmf);
  }
}
