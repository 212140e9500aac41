package io.rpcparallel.it;

/** Has no constructor a worker can be built with (ProbeWorker has no init argument). */
public final class StringCtorWorker extends ProbeWorkerImpl {
  public StringCtorWorker(String unused) {}
}
