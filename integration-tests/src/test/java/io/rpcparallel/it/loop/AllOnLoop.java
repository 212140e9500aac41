package io.rpcparallel.it.loop;

import io.rpcparallel.annotations.OnEventLoop;
import io.rpcparallel.annotations.RpcWorker;

/** Every method on the event loop: the annotation on the interface. */
@RpcWorker
@OnEventLoop
public interface AllOnLoop {
  /** The name of the thread it ran on. */
  String thread();
}
