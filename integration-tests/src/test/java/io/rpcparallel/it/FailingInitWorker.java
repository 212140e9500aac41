package io.rpcparallel.it;

/** An implementation whose constructor throws. */
public final class FailingInitWorker extends TestWorkerImpl {
  public FailingInitWorker(TestConfig config) throws InterruptedException {
    super(config);
    throw new IllegalArgumentException("bad config: " + config.label());
  }
}
