package io.rpcparallel.it;

/** Writes to stdout and stderr while it is being built, before the worker's redirection. */
public final class ChattyInitWorker extends ProbeWorkerImpl {
  public ChattyInitWorker() {
    System.out.println("stdout before redirect");
    System.err.println("stderr before redirect");
    System.err.flush();
  }
}
