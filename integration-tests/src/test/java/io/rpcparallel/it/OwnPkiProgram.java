package io.rpcparallel.it;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.Redirect;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.TlsMaterial;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.transport.ClientConnection;
import io.rpcparallel.internal.transport.Endpoint;
import io.rpcparallel.internal.transport.Security;
import io.rpcparallel.internal.transport.TlsContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A master on its own PKI ({@link OwnPkiMaterial}), run with {@code transport_security=tls} by
 * {@link OwnPkiIT}: spawns two local workers, calls one and has the other relay a stream from it,
 * then tries the first with a certificate of another CA. Prints {@code KEY value} lines, then
 * {@code DONE}.
 *
 * <p>{@code args[0]}: {@code explicit} (the master calls {@link RpcParallel#setTlsMaterial}, as the
 * README shows) or {@code service} (it finds the service, as its workers do); {@code args[1]}: a
 * file for the first worker's stderr, or {@code -} to leave it as it is (prefixed on this one's).
 */
public final class OwnPkiProgram {
  private OwnPkiProgram() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("explicit")) {
      OwnPkiMaterial m = new OwnPkiMaterial();
      RpcParallel.setTlsMaterial(TlsMaterial.of(m.keyManagers(), m.trustManagers()));
    }
    Path stderr = args[1].equals("-") ? null : Path.of(args[1]);
    SpawnOptions first = SpawnOptions.named("own-pki-a");
    try (StreamWorkerClient a = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
        stderr == null ? first : first.withStderr(Redirect.truncate(stderr)));
        StreamWorkerClient b = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
            SpawnOptions.named("own-pki-b"))) {
      Worker<?> w = a.control().worker();
      System.out.println("WORKER_TLS " + w.tls());
      System.out.println("ENCRYPTED " + (a.control().encrypted() && b.control().encrypted()));
      Collector<Long> counted = Collector.eager();
      a.count(5, 3).subscribe(counted);
      System.out.println("COUNT " + counted.awaitAll());
      // A connection between the two workers, each on the material it found itself.
      Collector<Long> relayed = Collector.eager();
      b.relay(Peer.of(w), 3).subscribe(relayed);
      System.out.println("RELAY " + relayed.awaitAll());
      // No run CA was made: nothing in this process holds credentials of one.
      System.out.println("RUN_CA_CREDENTIALS " + Security.credentialsIfAny().isPresent());
      // A peer that knows the run's secret and trusts the program's root, with a certificate of another CA.
      try {
        ClientConnection.open(RunContext.transport(), ClientConnection.DeathReporter.NONE,
            new Endpoint(w.interfaceName(), w.fingerprint()), w, RunContext.settings(), RunContext.secret(),
            Duration.ofSeconds(10), TlsContexts.of(new OwnPkiMaterial("stranger.p12", true))).close();
        System.out.println("STRANGER connected");
      } catch (ConnectionException e) {
        System.out.println("STRANGER refused: " + e.getMessage());
      }
      System.out.println("PRODUCED " + a.produced());
    } catch (SpawnException e) {
      System.out.println("SPAWN_FAILED " + e.getMessage().replace('\n', ' '));
    }
    if (stderr != null && Files.exists(stderr)) {
      System.out.println("WORKER_REJECTED " + Files.readString(stderr).lines()
          .filter(l -> l.contains("rejected connection")).map(String::strip).reduce((x, y) -> x + " | " + y)
          .orElse("nothing"));
    }
    System.out.println("DONE");
    RpcParallel.shutdown(Duration.ofSeconds(5));
  }
}
