package io.rpcparallel.it;

import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The worker interface most integration tests call. */
@RpcWorker(init = TestConfig.class)
public interface TestWorker {
  /** Adds to the worker's running total and returns it. */
  long add(long delta);

  String echo(String s);

  /** The worker's process id. */
  long pid();

  /** The worker's command line, as the OS shows it. */
  List<String> commandLine();

  /** The worker JVM's input arguments (its flags, those of the options variables among them). */
  List<String> jvmArguments();

  /** The value of a HotSpot VM option ({@code ErrorFile}, say) in the worker. */
  String vmOption(String name);

  /** An environment variable of the worker, or null. */
  String env(String name);

  /** The worker's working directory. */
  String cwd();

  /** Throws an IllegalStateException with this message. */
  void fail(String message);

  /** Completes later, on another thread, with x * x. */
  CompletableFuture<Long> square(long x);

  /** Waits for the given time, then returns it. */
  long sleep(long millis);

  /** Waits for the given time, then throws an IllegalStateException with this message. */
  void failAfter(long millis, String message);

  /** Writes a line to stdout and one to stderr. */
  @OneWay
  void print(String stdoutLine, String stderrLine);

  /** Writes a line to stdout and one to stderr, then returns. */
  void printNow(String stdoutLine, String stderrLine);

  /** Describes values of several wire types. */
  Summary summarize(List<Integer> values, Map<String, Long> weights, Optional<String> label, Color color,
      byte[] raw);

  /** One-way: blocks a worker thread until {@link #release()} is called. */
  @OneWay
  void waitForRelease();

  /** Waits until a {@link #waitForRelease()} is blocked, releases it, and says whether it was. */
  boolean release();

  /** Calls {@code RpcParallel.startMasterServer} and returns its exception's message, or "ok". */
  String tryStartMaster();

  /** Ends the worker process at once with this status, without replying. */
  void die(int status);

  /** Writes {@code line} and then {@code last}, without a newline, to stderr, and ends the process at once with this status. */
  @OneWay
  void printAndDie(String line, String last, int status);

  /** The name the worker was built with. */
  String label();
}
