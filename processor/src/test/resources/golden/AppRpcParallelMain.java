package demo;

import io.rpcparallel.internal.app.Rpc;
import javax.annotation.processing.Generated;

/**
 * The entry point of {@link App}: launch the program through this class.
 *
 * <p>Started with the worker command arguments (as rpc-parallel spawns a worker), it runs a
 * worker server and never calls user code; otherwise it calls {@link App#main}.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class AppRpcParallelMain {
  private AppRpcParallelMain() {
  }

  /**
   * Becomes a worker when {@code args} are the worker command arguments; otherwise runs
   * {@link App#main}.
   */
  public static void main(String[] args) throws Exception {
    Rpc.runApp(AppRpcParallelMain.class, args, App::main);
  }
}
