package io.rpcparallel.examples.state;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.annotations.RpcParallelApp;

/** Worker state and connection state: two users share one worker's total and keep their own. */
@RpcParallelApp
public final class SessionsExample {
  private SessionsExample() {}

  public static void main(String[] args) {
    SpawnOptions options = SpawnOptions.named("sessions");
    // snippet:use
    Worker<Sessions> w = SessionsRpc.spawn(SessionsImpl.class, 100L, options);
    try (SessionsClient ann = SessionsRpc.connect(w, "ann"); SessionsClient bob = SessionsRpc.connect(w, "bob")) {
      ann.addShared(1);
      bob.addShared(2);
      ann.addMine(10);
      bob.addMine(20);
      System.out.println("shared: " + ann.addShared(0) + ", ann: " + ann.addMine(0) + ", bob: " + bob.addMine(0));
    }
    // end-snippet
  }
}
