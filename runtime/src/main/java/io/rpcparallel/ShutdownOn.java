package io.rpcparallel;

/** When a spawned worker ends by itself (rpc_parallel's {@code shutdown_on}). */
public enum ShutdownOn {
  /**
   * When the first connection to it closes (the connection {@code spawnAndConnect} returns), or
   * when no client connects within the connection timeout, or when its master is gone. The default.
   */
  CONNECTION_CLOSED,
  /** When its master is gone (heartbeats stop or the master's connection drops); clients come and go. */
  HEARTBEAT_TIMEOUT,
  /** Only when told to, by {@link WorkerControl#shutdown()}. It outlives its master. */
  EXPLICIT
}
