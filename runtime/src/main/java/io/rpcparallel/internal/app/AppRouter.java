package io.rpcparallel.internal.app;

import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.gen.AppMain;
import io.rpcparallel.internal.worker.WorkerProcess;
import java.util.Arrays;
import java.util.List;

/** Routes a program launched through its generated main: worker, or the user's own main. */
public final class AppRouter {
  private AppRouter() {}

  public static void run(Class<?> router, String[] args, AppMain main) throws Exception {
    List<String> workerArgs = RunContext.DEFAULT_WORKER_ARGS;
    if (args.length >= workerArgs.size()
        && Arrays.asList(args).subList(0, workerArgs.size()).equals(workerArgs)) {
      if (!RunContext.isSpawnedWorker()) {
        System.err.println(router.getName() + ": " + workerArgs + " is for workers spawned by rpc-parallel;"
            + " run the program without it");
        System.exit(2);
      }
      // A worker never runs user code: build the server and return; it lives until shut down.
      WorkerProcess worker = WorkerProcess.get();
      worker.start(worker.initBeforeStart());
      return;
    }
    RunContext.setSpawnCommand(new RunContext.SpawnCommand(router.getName(), workerArgs));
    main.main(args);
  }
}
