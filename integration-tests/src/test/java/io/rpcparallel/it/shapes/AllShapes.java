package io.rpcparallel.it.shapes;

import io.rpcparallel.Worker;
import io.rpcparallel.annotations.RpcCodec;
import io.rpcparallel.annotations.RpcWorker;
import io.rpcparallel.it.TestWorker;
import java.nio.ByteBuffer;

/** A worker whose methods send back a value of every supported wire shape. */
@RpcWorker
public interface AllShapes {
  /** Returns its argument. */
  Everything echo(Everything value);

  /** Returns its argument. */
  Shape echoShape(Shape shape);

  /** Returns a copy of the remaining bytes, position 0. */
  ByteBuffer echoBuffer(ByteBuffer buffer);

  /** Returns its argument, sent both ways with a codec named on the parameter and method. */
  @RpcCodec(Temperature.Codec.class)
  Temperature echoTemperature(@RpcCodec(Temperature.Codec.class) Temperature temperature);

  /** Connects to another worker through the handle it was given, and adds to its total. */
  long addVia(Worker<TestWorker> target, long delta);
}
