package io.rpcparallel.internal;

import java.time.Duration;
import java.util.function.IntFunction;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * The runtime's JDK Flight Recorder events (docs/observability.md), and the few steps that
 * record them. Only reached when {@link Jfr#AVAILABLE}. Events are begun only while a recording
 * has them enabled (checked on one shared instance, so a JVM that is not recording allocates
 * nothing for them), and committed only if the recording still wants them once they end (their
 * threshold): a call faster than the threshold costs a begin and an end, nothing more. Each event
 * handed out as {@code Object} by a {@code ...Started} method is ended by the matching one.
 */
public final class RpcEvents {
  /** The category every event of the runtime is filed under. */
  public static final String CATEGORY = "rpc-parallel";

  private static final Call CALL = new Call();
  private static final CallServed CALL_SERVED = new CallServed();
  private static final StreamOpened STREAM_OPENED = new StreamOpened();
  private static final StreamClosed STREAM_CLOSED = new StreamClosed();
  private static final WorkerSpawned WORKER_SPAWNED = new WorkerSpawned();
  private static final WorkerDied WORKER_DIED = new WorkerDied();

  private RpcEvents() {}

  /** A call to a worker, from its start on the caller's side to its reply (or failure). */
  @Name("rpcparallel.Call")
  @Label("RPC Call")
  @Category(CATEGORY)
  @Description("A call to a worker, from encoding its arguments to reading its reply or failure,"
      + " on the calling side; committed on the thread that read the reply")
  @Threshold("20 ms")
  @StackTrace(false)
  public static final class Call extends Event {
    @Label("Method")
    @Description("Interface.method")
    String method;

    @Label("Worker")
    @Description("The worker's name, or its id if it has none")
    String worker;

    @Label("Bytes Sent")
    @Description("The call's frame, header included")
    @DataAmount
    long bytesSent;

    @Label("Bytes Received")
    @Description("The reply's or error's frame, header included; 0 if none came")
    @DataAmount
    long bytesReceived;

    @Label("Outcome")
    @Description("ok, or the simple name of the exception the call failed with")
    String outcome;

    /** The method's id, named only if the event is committed. */
    transient int methodId;
  }

  /** A call served by this process's server (a worker's, or one {@code serve} started), from its frame to its answer. */
  @Name("rpcparallel.CallServed")
  @Label("RPC Call Served")
  @Category(CATEGORY)
  @Description("A call served by this process, from reading its frame to queueing its reply or error,"
      + " on the serving side; committed on the thread that answered it")
  @Threshold("20 ms")
  @StackTrace(false)
  public static final class CallServed extends Event {
    @Label("Method")
    @Description("Interface.method")
    String method;

    @Label("Client")
    @Description("The caller's address, host:port")
    String client;

    @Label("Bytes Received")
    @Description("The call's frame, header included")
    @DataAmount
    long bytesReceived;

    @Label("Bytes Sent")
    @Description("The reply's or error's frame, header included")
    @DataAmount
    long bytesSent;

    @Label("Outcome")
    @Description("ok, or the simple name of the exception the call failed with on this side")
    String outcome;

    /** The method's id, named only if the event is committed. */
    transient int methodId;
  }

  /** A stream opened on a connection (either end, reading or writing). */
  @Name("rpcparallel.StreamOpened")
  @Label("RPC Stream Opened")
  @Category(CATEGORY)
  @StackTrace(false)
  public static final class StreamOpened extends Event {
    @Label("Stream Id")
    long streamId;

    @Label("Direction")
    @Description("in: this end reads it; out: this end writes it")
    String direction;

    @Label("Peer")
    @Description("The other end: a worker's name, or a client's address")
    String peer;
  }

  /** A stream closed: its duration is the stream's life. */
  @Name("rpcparallel.StreamClosed")
  @Label("RPC Stream Closed")
  @Category(CATEGORY)
  @Description("A stream ended on this end, for any reason; its duration is how long it was open")
  @StackTrace(false)
  public static final class StreamClosed extends Event {
    @Label("Stream Id")
    long streamId;

    @Label("Direction")
    @Description("in: this end read it; out: this end wrote it")
    String direction;

    @Label("Peer")
    @Description("The other end: a worker's name, or a client's address")
    String peer;

    @Label("Items")
    @Description("Items received (in) or sent (out)")
    long items;

    @Label("Bytes")
    @Description("The encoded size of those items")
    @DataAmount
    long bytes;
  }

  /** A spawn, from its start to the worker's registration (or the spawn's failure). */
  @Name("rpcparallel.WorkerSpawned")
  @Label("Worker Spawned")
  @Category(CATEGORY)
  @Description("A spawn of a worker by this process; its duration is the time the worker took to start"
      + " and register")
  @StackTrace(false)
  public static final class WorkerSpawned extends Event {
    @Label("Worker Id")
    String workerId;

    @Label("Name")
    String name;

    @Label("Interface")
    String interfaceName;

    @Label("How")
    @Description("local, ssh or slurm")
    String how;

    @Label("Host")
    @Description("The address the worker listens on (empty if the spawn failed)")
    String host;

    @Label("Port")
    int port;

    @Label("Pid")
    @Description("The worker's process id, on its host; -1 if the spawn failed before it registered")
    long pid;

    @Label("Outcome")
    @Description("ok, or why the spawn failed")
    String outcome;
  }

  /** A worker this process spawned has exited. */
  @Name("rpcparallel.WorkerDied")
  @Label("Worker Died")
  @Category(CATEGORY)
  @Description("A worker this process spawned has exited, whatever the reason (a shutdown it was asked"
      + " for included)")
  @StackTrace(false)
  public static final class WorkerDied extends Event {
    @Label("Worker Id")
    String workerId;

    @Label("Name")
    String name;

    @Label("Exit Status")
    @Description("The worker's exit status (for ssh and Slurm workers, the status that ssh or srun reported)")
    int exitStatus;

    @Label("Uptime")
    @Description("From the start of its spawn to its exit")
    @Timespan(Timespan.NANOSECONDS)
    long uptime;
  }

  /** Begins a call's event if a recording wants calls; else null, allocating nothing. */
  public static Object callStarted(int methodId) {
    if (!CALL.isEnabled()) {
      return null;
    }
    Call e = new Call();
    e.methodId = methodId;
    e.begin();
    return e;
  }

  /** Notes the size of the call's frame. */
  public static void callSent(Object event, long bytes) {
    ((Call) event).bytesSent = bytes;
  }

  /**
   * Ends a call's event: commits it if it took longer than its threshold.
   *
   * @param failure what the call failed with, or null if it succeeded
   */
  public static void callEnded(Object event, long bytesReceived, Throwable failure, String worker,
      IntFunction<String> methodNames) {
    Call e = (Call) event;
    e.end();
    if (e.shouldCommit()) {
      e.method = methodNames.apply(e.methodId);
      e.worker = worker;
      e.bytesReceived = bytesReceived;
      e.outcome = failure == null ? "ok" : failure.getClass().getSimpleName();
      e.commit();
    }
  }

  /** Begins the event of a call this process serves if a recording wants those; else null, allocating nothing. */
  public static Object callServedStarted(int methodId, long bytesReceived) {
    if (!CALL_SERVED.isEnabled()) {
      return null;
    }
    CallServed e = new CallServed();
    e.methodId = methodId;
    e.bytesReceived = bytesReceived;
    e.begin();
    return e;
  }

  /**
   * Ends a served call's event once its answer is queued: commits it if it took longer than its
   * threshold.
   *
   * @param failure what the call failed with, or null if it succeeded
   */
  public static void callServedEnded(Object event, long bytesSent, Throwable failure, String client,
      IntFunction<String> methodNames) {
    CallServed e = (CallServed) event;
    e.end();
    if (e.shouldCommit()) {
      e.method = methodNames.apply(e.methodId);
      e.client = client;
      e.bytesSent = bytesSent;
      e.outcome = failure == null ? "ok" : failure.getClass().getSimpleName();
      e.commit();
    }
  }

  /**
   * Records a stream's opening, and begins the event of its close if a recording wants those;
   * else returns null.
   *
   * @param in whether this end reads the stream
   */
  public static Object streamOpened(long id, boolean in, String peer) {
    if (STREAM_OPENED.isEnabled()) {
      StreamOpened o = new StreamOpened();
      o.streamId = id;
      o.direction = in ? "in" : "out";
      o.peer = peer;
      o.commit();
    }
    if (!STREAM_CLOSED.isEnabled()) {
      return null;
    }
    StreamClosed c = new StreamClosed();
    c.streamId = id;
    c.direction = in ? "in" : "out";
    c.peer = peer;
    c.begin();
    return c;
  }

  /** Ends the event {@link #streamOpened} began. */
  public static void streamClosed(Object event, long items, long bytes) {
    StreamClosed c = (StreamClosed) event;
    c.end();
    if (c.shouldCommit()) {
      c.items = items;
      c.bytes = bytes;
      c.commit();
    }
  }

  /** Begins a spawn's event if a recording wants spawns; else null. */
  public static Object spawnStarted() {
    if (!WORKER_SPAWNED.isEnabled()) {
      return null;
    }
    WorkerSpawned e = new WorkerSpawned();
    e.begin();
    return e;
  }

  /** Ends a spawn's event. */
  public static void spawnEnded(Object event, String workerId, String name, String interfaceName, String how,
      String host, int port, long pid, String outcome) {
    WorkerSpawned e = (WorkerSpawned) event;
    e.end();
    if (e.shouldCommit()) {
      e.workerId = workerId;
      e.name = name;
      e.interfaceName = interfaceName;
      e.how = how;
      e.host = host;
      e.port = port;
      e.pid = pid;
      e.outcome = outcome;
      e.commit();
    }
  }

  /** Records the exit of a worker this process spawned. */
  public static void workerDied(String workerId, String name, int exitStatus, Duration uptime) {
    if (WORKER_DIED.isEnabled()) {
      WorkerDied e = new WorkerDied();
      e.workerId = workerId;
      e.name = name;
      e.exitStatus = exitStatus;
      e.uptime = uptime.toNanos();
      e.commit();
    }
  }
}
