package io.rpcparallel.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the test fixtures run for this JVM, for {@link Procs#liveDescendants()}: their daemons (sshd,
 * munged, slurmctld, slurmd) are children of this JVM that are no test's leftovers; and the
 * processes they started that were handed to init (Slurm launches each job step's slurmstepd that
 * way; a remote command outlives an ended ssh session that way) are leftovers although they are no
 * longer this JVM's descendants.
 */
public final class FixtureDaemons {
  private static final Set<ProcessHandle> DAEMONS = ConcurrentHashMap.newKeySet();
  private static final Map<Object, Predicate<ProcessHandle>> ADOPTERS = new ConcurrentHashMap<>();

  private FixtureDaemons() {}

  /** Marks {@code daemon} (the process itself, not its children) as a fixture's daemon. */
  public static void add(ProcessHandle daemon) {
    DAEMONS.add(daemon);
  }

  /** Forgets {@code daemon}, once it has ended. */
  public static void remove(ProcessHandle daemon) {
    DAEMONS.remove(daemon);
  }

  /** Whether {@code p} is a fixture's daemon (a handle compares pid and start time, so a reused pid is not one). */
  public static boolean isDaemon(ProcessHandle p) {
    return DAEMONS.contains(p);
  }

  /**
   * Counts the live processes that are not this JVM's descendants and match {@code belongs} among
   * the processes of this JVM, until {@link #removeAdopter} with the same {@code owner}.
   */
  public static void addAdopter(Object owner, Predicate<ProcessHandle> belongs) {
    ADOPTERS.put(owner, belongs);
  }

  /** Stops counting what {@code owner}'s predicate matches. */
  public static void removeAdopter(Object owner) {
    ADOPTERS.remove(owner);
  }

  /** The live processes outside this JVM's tree that a fixture claims, without their descendants. */
  public static List<ProcessHandle> adoptedOrphans() {
    List<Predicate<ProcessHandle>> rules = new ArrayList<>(ADOPTERS.values());
    if (rules.isEmpty()) {
      return List.of();
    }
    ProcessHandle self = ProcessHandle.current();
    Set<Long> ours = self.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    ours.add(self.pid());
    return ProcessHandle.allProcesses()
        .filter(p -> !ours.contains(p.pid()))
        .filter(p -> rules.stream().anyMatch(r -> r.test(p)))
        .collect(Collectors.toList());
  }
}
