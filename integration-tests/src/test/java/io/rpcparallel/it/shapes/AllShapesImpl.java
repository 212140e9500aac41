package io.rpcparallel.it.shapes;

import io.rpcparallel.Worker;
import io.rpcparallel.it.TestWorker;
import io.rpcparallel.it.TestWorkerClient;
import io.rpcparallel.it.TestWorkerRpc;
import java.nio.ByteBuffer;

/** Sends everything back as it came. */
public final class AllShapesImpl implements AllShapes {
  public AllShapesImpl() {}

  @Override public Everything echo(Everything value) { return value; }

  @Override public Shape echoShape(Shape shape) { return shape; }

  @Override public ByteBuffer echoBuffer(ByteBuffer buffer) { return buffer; }

  @Override public Temperature echoTemperature(Temperature temperature) { return temperature; }

  @Override public long addVia(Worker<TestWorker> target, long delta) {
    try (TestWorkerClient client = TestWorkerRpc.connect(target)) {
      return client.add(delta);
    }
  }
}
