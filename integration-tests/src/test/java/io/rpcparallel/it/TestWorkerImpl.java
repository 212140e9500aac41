package io.rpcparallel.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The implementation of {@link TestWorker}. */
public class TestWorkerImpl implements TestWorker {
  private final AtomicLong total;
  private final TestConfig config;

  public TestWorkerImpl(TestConfig config) throws InterruptedException {
    this.config = config;
    this.total = new AtomicLong(config.start());
    if (config.initMillis() > 0) {
      Thread.sleep(config.initMillis());
    }
  }

  @Override public long add(long delta) {
    return total.addAndGet(delta);
  }

  @Override public String echo(String s) {
    return s;
  }

  @Override public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override public List<String> commandLine() {
    // From /proc: ProcessHandle.Info gives no arguments once the command line is long (a long class path).
    return Procs.arguments(ProcessHandle.current().pid());
  }

  @Override public List<String> jvmArguments() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  @Override public String vmOption(String name) {
    return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
        .getVMOption(name).getValue();
  }

  @Override public String env(String name) {
    return System.getenv(name);
  }

  @Override public String cwd() {
    return System.getProperty("user.dir");
  }

  @Override public void fail(String message) {
    throw new IllegalStateException(message);
  }

  @Override public void failAfter(long millis, String message) {
    sleep(millis);
    throw new IllegalStateException(message);
  }

  @Override public CompletableFuture<Long> square(long x) {
    return CompletableFuture.supplyAsync(() -> x * x,
        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
  }

  @Override public long sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return millis;
  }

  @Override public void print(String stdoutLine, String stderrLine) {
    printNow(stdoutLine, stderrLine);
  }

  @Override public void printNow(String stdoutLine, String stderrLine) {
    System.out.println(stdoutLine);
    System.out.flush();
    System.err.println(stderrLine);
    System.err.flush();
  }

  @Override public Summary summarize(List<Integer> values, Map<String, Long> weights, Optional<String> label,
      Color color, byte[] raw) {
    long sum = 0;
    for (Integer v : values) {
      sum += v == null ? 0 : v;
    }
    return new Summary(values.size(), sum, label, color, weights, values, raw == null ? -1 : raw.length,
        new Summary.Inner(label.orElse("none"), values.isEmpty() ? 0 : (double) sum / values.size(),
            label.isPresent() ? Boolean.TRUE : null));
  }

  private final java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  @Override public void waitForRelease() {
    waiting.countDown();
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public boolean release() {
    try {
      boolean blocked = waiting.await(30, TimeUnit.SECONDS);
      released.countDown();
      return blocked;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override public String tryStartMaster() {
    try {
      io.rpcparallel.RpcParallel.startMasterServer(List.of("x"));
      return "ok";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  @Override public void die(int status) {
    Runtime.getRuntime().halt(status);
  }

  @Override public void printAndDie(String line, String last, int status) {
    System.err.println(line);
    System.err.print(last);
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  @Override public String label() {
    return config.label();
  }
}
