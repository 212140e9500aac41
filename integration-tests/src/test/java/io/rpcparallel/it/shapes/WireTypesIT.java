package io.rpcparallel.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.it.Await;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.TestConfig;
import io.rpcparallel.it.TestWorker;
import io.rpcparallel.it.TestWorkerClient;
import io.rpcparallel.it.TestWorkerImpl;
import io.rpcparallel.it.TestWorkerRpc;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A value of every supported wire shape goes to a real worker process and comes back. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WireTypesIT {

  @Test
  void valuesOfEveryShapeMakeTheRoundTripThroughAWorker() {
    try (AllShapesClient w = AllShapesRpc.spawnAndConnect(AllShapesImpl.class,
        SpawnOptions.named("all-shapes"))) {
      // The same generator as the property test, with its edge cases (nulls, empty
      // collections) first, then random values.
      Arbitrary<Everything> values = Values.everything();
      List<Everything> samples = new java.util.ArrayList<>();
      values.edgeCases().forEach(e -> samples.add(e.value()));
      values.sampleStream().limit(50).forEach(samples::add);
      assertTrue(samples.size() > 50);
      assertTrue(samples.contains(null));
      for (Everything value : samples) {
        Everything back = w.echo(value);
        assertTrue(Deep.equal(value, back), () -> "sent " + value + "\ngot  " + back);
      }
      for (Shape shape : List.of(new Shape.Circle(1.5), Shape.Mark.NOUGHT,
          new Shape.Group("g", java.util.Arrays.asList(new Shape.Rect(2, 3), null)))) {
        assertEquals(shape, w.echoShape(shape));
      }
      assertNull(w.echoShape(null));
      Temperature t = new Temperature(273.15);
      assertEquals(t, w.echoTemperature(t));
      assertNull(w.echoTemperature(null));
    }
  }

  @Test
  void largeByteBuffersAndWorkerHandlesTravel() throws Exception {
    Worker<TestWorker> counter = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(40),
        SpawnOptions.named("counter").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    try (TestWorkerClient counterClient = TestWorkerRpc.connect(counter);
        AllShapesClient w = AllShapesRpc.spawnAndConnect(AllShapesImpl.class,
            SpawnOptions.named("all-shapes"))) {
      try {
        // A handle is a value: the all-shapes worker connects to the counter with it.
        assertEquals(42, w.addVia(counter, 2));
        assertEquals(45, counterClient.add(3));

        byte[] big = new byte[4 << 20];
        new java.util.Random(7).nextBytes(big);
        ByteBuffer direct = ByteBuffer.allocateDirect(big.length + 10).position(10);
        direct.put(big).flip().position(10);
        ByteBuffer back = w.echoBuffer(direct);
        assertEquals(10, direct.position(), "sending does not consume the caller's buffer");
        assertEquals(ByteBuffer.wrap(big), back);
      } finally {
        long pid = counterClient.pid();
        counterClient.control().shutdown();
        Await.exit(pid);
      }
    }
  }
}
