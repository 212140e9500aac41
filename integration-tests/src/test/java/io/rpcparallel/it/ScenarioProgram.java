package io.rpcparallel.it;

import io.rpcparallel.InProcessServer;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A master run as its own JVM, so that its process-wide state (settings, sockets) starts fresh. */
public final class ScenarioProgram {
  private ScenarioProgram() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sockets" -> sockets();
      case "settings" -> settings();
      case "stall" -> stall(args[1]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void stage(String name) throws Exception {
    System.out.println("STAGE " + name + " listen=" + Procs.listeningSockets() + " connected="
        + Procs.connectedSockets());
    System.out.flush();
  }

  /** Socket counts through spawn / connect / call / close / shutdown. */
  private static void sockets() throws Exception {
    stage("start");
    Worker<ProbeWorker> h = ProbeWorkerRpc.spawn(ProbeWorkerImpl.class,
        SpawnOptions.defaults().withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    stage("spawned");
    ProbeWorkerClient a = ProbeWorkerRpc.connect(h);
    stage("connected");
    long pid = a.pid();
    for (int i = 0; i < 100; i++) {
      a.sleep(0);
    }
    stage("called");
    ProbeWorkerClient b = ProbeWorkerRpc.connect(h);
    b.pid();
    stage("second");
    b.close();
    stage("closed-second");
    a.control().shutdown();
    Await.exit(pid);
    // The master notices the worker's lifeline closing on its event loop, and nothing here can wait
    // for that: look again until it has (a generous bound; the test then sees what is left).
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    while (Procs.connectedSockets() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    stage("shutdown");
    try (InProcessServer<ProbeWorker> s = ProbeWorkerRpc.serve(new ProbeWorkerImpl())) {
      stage("served");
    }
  }

  /** The effective settings of the master, a spawned worker and an in-process worker. */
  private static void settings() {
    RpcParallel.setSettings(RpcSettings.builder().heartbeatInterval(Duration.ofSeconds(1))
        .heartbeatTimeout(Duration.ofSeconds(45)).maxMessageSize(5 << 20));
    System.out.println("MASTER " + RpcParallel.settings());
    try (ProbeWorkerClient w = ProbeWorkerRpc.spawnAndConnect(ProbeWorkerImpl.class, SpawnOptions.defaults())) {
      System.out.println("WORKER " + w.control().settings());
    }
    try (InProcessServer<ProbeWorker> s = ProbeWorkerRpc.serve(new ProbeWorkerImpl());
        ProbeWorkerClient c = ProbeWorkerRpc.connect(s.worker())) {
      System.out.println("INPROC " + c.control().settings());
    }
  }

  /**
   * Spawns a worker, prints its pid and waits for GO (the test stops the worker with SIGSTOP in
   * between), then either makes one call ("call") or floods it with 64 KiB calls ("flood").
   */
  private static void stall(String what) throws Exception {
    try (ProbeWorkerClient w = ProbeWorkerRpc.spawnAndConnect(ProbeWorkerImpl.class,
        SpawnOptions.named("stalled").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT))) {
      System.out.println("PID " + w.pid());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(in.readLine())) {
        return;
      }
      if (what.equals("call")) {
        try {
          System.out.println("RESULT " + w.sleep(100));
        } catch (RpcException e) {
          System.out.println("ERROR " + e.getMessage());
        }
      } else {
        byte[] payload = new byte[64 * 1024];
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        String error = null;
        for (int i = 0; i < 100_000 && error == null; i++) {
          CompletableFuture<Integer> f = w.async().consume(payload);
          if (f.isCompletedExceptionally()) {
            // Refused before sending: the future already holds why.
            error = f.handle((v, e) -> e.getMessage()).join();
          } else {
            sent.add(f);
          }
        }
        System.out.println("ERROR sent=" + sent.size() + " " + error);
      }
      System.out.flush();
      // Wait for the test to resume the worker and say we may end.
      in.readLine();
    }
  }
}
