package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.InProcessServer;
import io.rpcparallel.RpcException;
import io.rpcparallel.SpawnOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Workers spawning workers, and worker servers inside this JVM. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WorkersIT {

  @Test
  void aTenDeepSpawnChainReportsEachWorkersDirectSpawner() throws Exception {
    try (StreamWorkerClient top = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
        SpawnOptions.named("chain-10").withSpawnTimeout(Duration.ofSeconds(60)))) {
      List<String> chain = top.chain(10);
      assertEquals(10, chain.size(), String.valueOf(chain));
      String host = InetAddress.getLocalHost().getHostName();
      long parent = ProcessHandle.current().pid();
      for (String link : chain) {
        String[] markerAndPid = link.split(" ");
        assertEquals("child-of-" + parent + "@" + host, markerAndPid[0], String.valueOf(chain));
        parent = Long.parseLong(markerAndPid[1]);
      }
    }
  }

  @Test
  void inProcessServeAndCloseServer() throws Exception {
    try (InProcessServer<StreamWorker> server = StreamWorkerRpc.serve(new StreamWorkerImpl())) {
      try (StreamWorkerClient first = StreamWorkerRpc.connect(server.worker())) {
        assertEquals(ProcessHandle.current().pid(), first.pid());
        Collector<Long> got = Collector.eager();
        first.count(1, 3).subscribe(got);
        assertEquals(List.of(1L, 2L, 3L), got.awaitAll());
        first.control().closeServer();
        assertThrows(RpcException.class, () -> StreamWorkerRpc.connect(server.worker()).close());
        assertEquals(ProcessHandle.current().pid(), first.pid(), "the open connection keeps working");
        assertTrue(first.produced() >= 3);
      }
    }
  }
}
