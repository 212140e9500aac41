package io.rpcparallel;

/**
 * Spawns (and connects to) the worker of one index of a map-reduce pool; typically
 * {@code (index, options) -> XRpc.spawnAndConnect(XImpl.class, new XInit(param, index), options)},
 * which builds each worker's state once from a shared parameter and its index.
 *
 * @param <C> the generated client type
 */
@FunctionalInterface
public interface WorkerFactory<C extends RpcClient> {
  /**
   * Spawns worker {@code index} with {@code options} (from {@link MapReduceConfig#spawnOptions})
   * and returns its connection.
   *
   * @param index the worker's index in the pool, from 0
   * @param options the options to spawn it with
   * @return the connected client
   */
  C spawn(int index, SpawnOptions options);
}
