package io.rpcparallel.it.edge;

import io.rpcparallel.it.TestConfig;
import io.rpcparallel.it.TestWorkerImpl;

/**
 * A worker that reads its configuration, then ends with status 3 while building its state,
 * before it registers; it says so on stderr first, with its label.
 */
public final class HaltsInInit extends TestWorkerImpl {
  public HaltsInInit(TestConfig config) throws InterruptedException {
    super(config);
    System.err.println("halting in init: " + config.label());
    System.err.flush();
    Runtime.getRuntime().halt(3);
  }
}
