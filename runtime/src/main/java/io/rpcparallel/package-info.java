/**
 * The public API of rpc-parallel: typed RPC to worker processes this program spawns.
 *
 * <p>An {@code @RpcWorker} interface {@code X} gets generated classes ({@code XRpc} to spawn,
 * connect and serve; {@code XClient} and {@code XAsync} to call). This package holds what they
 * and their users speak: worker handles ({@link io.rpcparallel.Worker}), spawn options and
 * settings ({@link io.rpcparallel.SpawnOptions}, {@link io.rpcparallel.RpcSettings}), the wire
 * codecs ({@link io.rpcparallel.Codec}, {@link io.rpcparallel.Codecs}), streams
 * ({@link io.rpcparallel.StreamWriter}, {@link io.rpcparallel.StateStream}), the exceptions (all
 * {@link io.rpcparallel.RpcException}s, unchecked), and the entry points users call themselves:
 * {@link io.rpcparallel.RpcParallel}, {@link io.rpcparallel.MapReduce} and
 * {@link io.rpcparallel.ManagedWorker}. Everything under {@code io.rpcparallel.internal} may
 * change without notice.
 */
package io.rpcparallel;
