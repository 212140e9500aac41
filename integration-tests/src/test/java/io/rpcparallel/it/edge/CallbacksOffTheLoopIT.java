package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.Worker;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * User callbacks never run on an event loop: a callback that blocks on a call over another
 * connection (one of them shares the loop the callback was fired from) completes.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallbacksOffTheLoopIT {
  /** More connections than the runtime has event loops, so that some share the first one's. */
  private static final int CONNECTIONS = 6;

  private static String threadAndCalls(List<EdgeWorkerClient> others) {
    StringBuilder sb = new StringBuilder(Thread.currentThread().getName());
    for (EdgeWorkerClient c : others) {
      sb.append(' ').append(c.echo("x"));
    }
    return sb.toString();
  }

  /** Connections to one new worker, the last of which shuts it down in the end. */
  private static List<EdgeWorkerClient> connections(String name) {
    Worker<EdgeWorker> handle = EdgeWorkerRpc.spawn(EdgeWorkerImpl.class,
        SpawnOptions.named(name).withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    List<EdgeWorkerClient> clients = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      clients.add(EdgeWorkerRpc.connect(handle));
    }
    return clients;
  }

  @Test
  void connectionClosedCallbackMayCallOtherConnections() throws Exception {
    List<EdgeWorkerClient> clients = connections("callbacks");
    try {
      List<EdgeWorkerClient> others = clients.subList(1, CONNECTIONS);
      CompletableFuture<String> seen = clients.get(0).control().closed()
          .thenApply(v -> threadAndCalls(others));
      clients.get(0).close();
      String result = seen.get(60, TimeUnit.SECONDS);
      assertFalse(result.startsWith("rpc-parallel-io"), "the callback ran on an event loop: " + result);
      assertEquals(" x".repeat(CONNECTIONS - 1), result.substring(result.indexOf(' ')), result);
    } finally {
      clients.get(clients.size() - 1).control().shutdown();
      clients.forEach(EdgeWorkerClient::close);
    }
  }

  @Test
  void streamClosedCallbackAndPublisherCancelMayCallOtherConnections() throws Exception {
    List<EdgeWorkerClient> clients = connections("callbacks-streams");
    try {
      List<EdgeWorkerClient> others = clients.subList(1, CONNECTIONS);
      // The caller's own publisher on a reverse pipe, and a writer to the worker: both end when
      // the connection closes, which the runtime learns on the event loop.
      CompletableFuture<String> cancelled = new CompletableFuture<>();
      Flow.Publisher<Long> neverRead = s -> s.onSubscribe(new Flow.Subscription() {
        @Override public void request(long n) {}

        @Override public void cancel() {
          cancelled.complete(threadAndCalls(others));
        }
      });
      StreamWriter<Long> sink = clients.get(0).sink("callbacks");
      CompletableFuture<String> closed = sink.closed().thenApply(v -> threadAndCalls(others));
      clients.get(0).async().collect(neverRead);
      clients.get(0).close();
      for (CompletableFuture<String> f : List.of(closed, cancelled)) {
        String result = f.get(60, TimeUnit.SECONDS);
        assertFalse(result.startsWith("rpc-parallel-io"), "the callback ran on an event loop: " + result);
      }
    } finally {
      clients.get(clients.size() - 1).control().shutdown();
      clients.forEach(EdgeWorkerClient::close);
    }
  }
}
