package io.rpcparallel;

import java.util.Optional;

/**
 * What a spawned worker process was told by its master, returned by
 * {@link RpcParallel#workerInitBeforeStart()} and consumed by {@link RpcParallel#startWorkerServer}.
 */
public interface WorkerEnv {
  /** {@return the worker's id, unique within the run} */
  String workerId();

  /** {@return the name given at spawn, if any} */
  Optional<String> name();
}
