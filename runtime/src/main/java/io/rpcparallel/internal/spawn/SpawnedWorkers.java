package io.rpcparallel.internal.spawn;

import io.rpcparallel.ShutdownOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every worker this process spawned, from the start of its spawn to a while after its end: what
 * the dashboard's worker table shows. Kept apart from the spawner's own table, which forgets a
 * worker a minute after it exits; here the last {@value #KEPT_ENDED} ended workers stay.
 */
public final class SpawnedWorkers {
  static final int KEPT_ENDED = 256;

  /** Where a worker's spawn is. */
  public enum State {
    /** Launched, not registered yet. */
    STARTING,
    /** Registered and running. */
    UP,
    /** Its spawn failed. */
    FAILED,
    /** Its process ended. */
    DEAD
  }

  /**
   * One worker, as last seen.
   *
   * @param id the worker's id
   * @param name its name, or its id when it has none
   * @param interfaceName its worker interface
   * @param how how it was started: {@code local}, {@code ssh} or {@code slurm}
   * @param where where it runs, as messages say ({@code this machine}, a host)
   * @param host the address it listens on, once registered
   * @param pid its process id, once registered
   * @param shutdownOn its shutdown mode
   * @param state where it is
   * @param exitStatus its exit status, once dead
   * @param started when its spawn started
   * @param ended when it died or its spawn failed
   * @param process its process (remote: the one carrying its pipes)
   */
  public record View(String id, String name, String interfaceName, String how, String where, String host,
      OptionalLong pid, ShutdownOn shutdownOn, State state, OptionalInt exitStatus, Instant started, Instant ended,
      Process process) {}

  private static final Map<String, View> WORKERS = new LinkedHashMap<>();

  private SpawnedWorkers() {}

  /** {@return every worker spawned by this process that is starting or up, and the last ones that ended} */
  public static List<View> all() {
    synchronized (WORKERS) {
      return new ArrayList<>(WORKERS.values());
    }
  }

  static void starting(String id, String name, String interfaceName, String how, String where, ShutdownOn shutdownOn,
      Process process) {
    put(new View(id, name, interfaceName, how, where, "", OptionalLong.empty(), shutdownOn, State.STARTING,
        OptionalInt.empty(), Instant.now(), null, process));
  }

  static void registered(String id, String host, long pid) {
    synchronized (WORKERS) {
      View v = WORKERS.get(id);
      if (v != null && v.state() == State.STARTING) {
        WORKERS.put(id, new View(v.id(), v.name(), v.interfaceName(), v.how(), v.where(), host, OptionalLong.of(pid),
            v.shutdownOn(), State.UP, v.exitStatus(), v.started(), null, v.process()));
      }
    }
  }

  static void ended(String id, boolean failed, OptionalInt exitStatus) {
    synchronized (WORKERS) {
      View v = WORKERS.get(id);
      if (v != null && v.state() != State.DEAD && v.state() != State.FAILED) {
        WORKERS.put(id, new View(v.id(), v.name(), v.interfaceName(), v.how(), v.where(), v.host(), v.pid(),
            v.shutdownOn(), failed ? State.FAILED : State.DEAD, exitStatus, v.started(), Instant.now(), v.process()));
        trim();
      }
    }
  }

  private static void put(View v) {
    synchronized (WORKERS) {
      WORKERS.put(v.id(), v);
    }
  }

  /** Drops the oldest ended workers past {@value #KEPT_ENDED}. */
  private static void trim() {
    long ended = WORKERS.values().stream().filter(v -> v.ended() != null).count();
    for (Iterator<View> it = WORKERS.values().iterator(); it.hasNext() && ended > KEPT_ENDED; ) {
      if (it.next().ended() != null) {
        it.remove();
        ended--;
      }
    }
  }
}
