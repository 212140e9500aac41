package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RpcSettings;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Transport;
import io.rpcparallel.internal.gen.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server and a client on a transport the test builds and shuts down itself: the process's own
 * transport is neither made nor used, the death reporter is the one the connection was opened
 * with, and every thread of the test's transport has ended once it is shut down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnTransportTest {
  private static final Endpoint ENDPOINT = new Endpoint("test.Echo", "0123456789abcdef");
  private static final int ECHO = 1;
  private static final int BLOCK = 2;
  private static final RpcSettings SETTINGS = RpcSettings.effective(null,
      RpcSettings.builder().handshakeTimeout(Duration.ofSeconds(5)));
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String NAME = "own-test";

  /** The threads of this test's transport. */
  private static final Predicate<String> OURS = n -> n.startsWith("rpc-parallel-io-" + NAME + "-")
      || n.startsWith("rpc-parallel-exec-" + NAME + "-") || n.startsWith("rpc-parallel-call-" + NAME + "-");
  /** The event loops of the process's transport (its pools come and go on their own). */
  private static final Predicate<String> PROCESS_LOOPS = n -> n.matches("rpc-parallel-io-\\d+");

  private static Set<Thread> live(Predicate<String> named) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> named.test(t.getName()))
        .collect(Collectors.toSet());
  }

  @Test
  void aServerAndAClientOnTheirOwnTransportLeaveNoThreadBehindAndLeaveTheProcessTransportAlone() throws Exception {
    Optional<Transport> processTransport = RunContext.transportIfMade();
    Set<Thread> processLoops = live(PROCESS_LOOPS);
    assertTrue(live(OURS).isEmpty(), "no thread of the test's transport before it is made");

    List<String> callThreads = new CopyOnWriteArrayList<>();
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Dispatcher echo = (methodId, args, responder) -> {
      callThreads.add(Thread.currentThread().getName());
      switch (methodId) {
        case ECHO -> {
          String s = args.readString();
          responder.reply(out -> out.writeString(s));
        }
        case BLOCK -> {
          blocked.countDown();
          release.await();
          responder.reply(out -> {});
        }
        default -> responder.unknownMethod(methodId);
      }
    };
    List<String> asked = new CopyOnWriteArrayList<>();
    WorkerDiedException shot = new WorkerDiedException("worker w1 was shot", OptionalInt.of(9));
    ClientConnection.DeathReporter deaths = id -> {
      asked.add(id);
      return shot;
    };

    Transport transport = new Transport(NAME);
    Set<Thread> ours;
    try {
      RpcServer server = new RpcServer(transport, ENDPOINT, SETTINGS, SECRET, c -> echo, new RpcServer.Listener() {})
          .start("127.0.0.1");
      Worker<Object> worker = new Worker<>(ENDPOINT.interfaceName(), ENDPOINT.fingerprint(), "127.0.0.1",
          server.port(), "w1", Optional.empty());
      try (ClientConnection client = ClientConnection.open(transport, deaths, ENDPOINT, worker, SETTINGS, SECRET,
          Duration.ofSeconds(5))) {
        assertEquals("hello", client.callBlocking(ECHO, out -> out.writeString("hello"), in -> in.readString()));
        assertEquals(List.of("rpc-parallel-call-" + NAME + "-1"), callThreads, "the call ran on the test's pool");

        // The server goes with a call waiting: the connection asks its own reporter why.
        CompletableFuture<Void> waiting = client.call(BLOCK, out -> {}, in -> null);
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> waiting.get(10, TimeUnit.SECONDS));
        assertSame(shot, e.getCause());
        assertEquals(List.of("w1"), asked);
        client.closed().get(10, TimeUnit.SECONDS);
      } finally {
        release.countDown();
        server.close();
      }
      ours = live(OURS);
      assertTrue(ours.stream().anyMatch(t -> t.getName().startsWith("rpc-parallel-io-" + NAME + "-")),
          "the connections ran on the test's event loops: " + ours);
    } finally {
      transport.shutdown(Duration.ofSeconds(5));
    }

    assertTrue(transport.isShutdown());
    for (Thread t : ours) {
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(t.isAlive(), t.getName() + " outlived its transport's shutdown");
    }
    assertEquals(Set.of(), live(OURS), "threads of the test's transport left running");
    assertEquals(processTransport, RunContext.transportIfMade(), "the process's transport was made or replaced");
    Set<Thread> newProcessLoops = live(PROCESS_LOOPS);
    newProcessLoops.removeAll(processLoops);
    assertEquals(Set.of(), newProcessLoops, "the process's event loops were used");
  }
}
