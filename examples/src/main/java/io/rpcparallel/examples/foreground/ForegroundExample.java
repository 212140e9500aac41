package io.rpcparallel.examples.foreground;

import io.rpcparallel.Foreground;
import io.rpcparallel.Redirect;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A foreground spawn: the caller gets the worker's {@code Process} too, and reads its stdout from a
 * pipe; the worker's stderr reaches this program's stderr, each line prefixed with its name.
 */
@RpcParallelApp
public final class ForegroundExample {
  private ForegroundExample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    // snippet:foreground
    Foreground<PrinterClient> fg = PrinterRpc.spawnForeground(PrinterImpl.class,
        SpawnOptions.named("printer").withStdout(Redirect.pipe()));
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(fg.process().getInputStream(), StandardCharsets.UTF_8))) {
      fg.client().print("a line on the worker's stdout", "a line on the worker's stderr");
      System.out.println("the worker printed: " + out.readLine());
      fg.close();                                    // closing the connection ends the worker
      System.out.println("the worker exited with status " + fg.process().waitFor());
    }
    // end-snippet
  }
}
