package io.rpcparallel.examples.serve;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.annotations.RpcParallelApp;

/**
 * A worker server inside this JVM ({@code serve}): clients connect to it as to any worker; after
 * {@code closeServer()} it takes no new connection, while the open ones keep working.
 */
@RpcParallelApp
public final class ServeExample {
  private ServeExample() {}

  public static void main(String[] args) {
    // snippet:serve
    try (InProcessServer<Greeter> server = GreeterRpc.serve(new GreeterImpl());
         GreeterClient first = GreeterRpc.connect(server.worker())) {
      System.out.println(first.greet("first").startsWith("hello, first, from process "
          + ProcessHandle.current().pid()) ? "served in this process" : "served elsewhere?");
      first.control().closeServer();                 // or server.closeServer()
      try (GreeterClient second = GreeterRpc.connect(server.worker())) {
        System.out.println("unexpected: a new connection after closeServer");
      } catch (ConnectionException e) {
        System.out.println("no new connection after closeServer");
      }
      System.out.println(first.greet("again").startsWith("hello, again") ? "the open one still works" : "?");
    }
    // end-snippet
  }
}
