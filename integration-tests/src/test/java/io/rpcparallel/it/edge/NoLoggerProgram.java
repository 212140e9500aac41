package io.rpcparallel.it.edge;

import io.rpcparallel.SpawnOptions;

/** A master without an SLF4J provider on its class path: spawns two workers, calls them, ends. */
public final class NoLoggerProgram {
  private NoLoggerProgram() {}

  public static void main(String[] args) {
    for (String name : new String[] {"quiet-1", "quiet-2"}) {
      try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named(name))) {
        System.out.println(w.echo("answered " + name));
      }
    }
    System.out.println("DONE");
  }
}
