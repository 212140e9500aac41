package io.rpcparallel;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One worker in an {@link RpcStatus}: a value, taken at one moment. Workers this process spawned
 * have a {@link #how()}, a {@link #shutdownOn()}, an {@link #uptime()} and a {@link #state()} that
 * follows them from start to exit; workers it only connected to have none of those, and are
 * {@link State#UP} while a connection to them is open.
 *
 * @param id the worker's id, unique within the run
 * @param name the name given at spawn, or empty
 * @param interfaceName the canonical name of the worker interface
 * @param host the address the worker listens on; empty while it is {@link State#STARTING}
 * @param port the worker's port; 0 while it is {@link State#STARTING}
 * @param pid the worker's process id on its host, if known: for a worker this process spawned,
 *     once it has registered; empty for one it only connected to
 * @param how how this process started the worker; empty if it did not spawn it
 * @param shutdownOn the worker's shutdown mode, if this process spawned it
 * @param state where the worker is in its life
 * @param exitStatus the worker's exit status once it is {@link State#DEAD} (for workers started over
 *     ssh or through Slurm, the status ssh or srun reported); else empty
 * @param connections this process's open connections to the worker
 * @param callsInFlight the calls this process sent the worker on those connections that have no
 *     reply yet (built-in ones, such as a shutdown, included; one-way calls never count)
 * @param streamsOpen the streams open on those connections, either way
 * @param uptime for a worker this process spawned, the time since its spawn began (once it is
 *     {@link State#DEAD}, the time from then to its exit); else empty
 */
public record WorkerStatus(String id, Optional<String> name, String interfaceName, String host, int port,
    OptionalLong pid, Optional<How> how, Optional<ShutdownOn> shutdownOn, State state, OptionalInt exitStatus,
    int connections, int callsInFlight, int streamsOpen, Optional<Duration> uptime) {

  /** Where a worker is in its life. */
  public enum State {
    /** Spawned by this process, and not registered yet: {@code spawn} has not returned. */
    STARTING,
    /** Registered with this process, or (for a worker it did not spawn) connected to. */
    UP,
    /** Spawned by this process, and exited; listed for a minute after its exit. */
    DEAD
  }

  /** How this process started a worker (a wrapped launch is listed by what it wraps). */
  public enum How {
    /** On this machine, as a child process ({@link HowToRun#local()}). */
    LOCAL,
    /** On another host, over ssh ({@link HowToRun#ssh}). */
    SSH,
    /** As a Slurm job step ({@link HowToRun#slurm}). */
    SLURM
  }

  /**
   * Holds a worker's status; no component may be null.
   *
   * @param id the worker's id
   * @param name the name given at spawn, or empty
   * @param interfaceName the canonical name of the worker interface
   * @param host the address the worker listens on, or empty
   * @param port the worker's port, or 0
   * @param pid the worker's process id, if known
   * @param how how this process started it, if it did
   * @param shutdownOn its shutdown mode, if this process spawned it
   * @param state where it is in its life
   * @param exitStatus its exit status, once dead
   * @param connections this process's open connections to it
   * @param callsInFlight calls on those connections waiting for a reply
   * @param streamsOpen streams open on those connections
   * @param uptime the time since its spawn began, if this process spawned it
   */
  public WorkerStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(how, "how");
    Objects.requireNonNull(shutdownOn, "shutdownOn");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(exitStatus, "exitStatus");
    Objects.requireNonNull(uptime, "uptime");
  }

  /** {@return whether this process spawned the worker} */
  public boolean spawnedHere() {
    return how.isPresent();
  }

  /** {@return the worker's name if it has one, else its id} */
  public String displayName() {
    return name.orElse(id);
  }
}
