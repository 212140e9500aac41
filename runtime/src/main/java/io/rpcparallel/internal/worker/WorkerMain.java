package io.rpcparallel.internal.worker;

import io.rpcparallel.internal.RunContext;

/**
 * The runtime's own worker entry, used when the program has no routing main of its own (a JUnit
 * test, a program that never declared {@code @RpcParallelApp}).
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals(RunContext.DEFAULT_WORKER_ARGS.get(0))) {
      System.err.println("io.rpcparallel.internal.worker.WorkerMain runs rpc-parallel workers; it is started"
          + " by spawn, not by hand");
      System.exit(2);
    }
    WorkerProcess worker = WorkerProcess.get();
    worker.start(worker.initBeforeStart());
  }
}
