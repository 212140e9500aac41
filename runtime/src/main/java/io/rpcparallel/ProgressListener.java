package io.rpcparallel;

/** Hears a map-reduce job's progress: after every output, and once more when the job ends. */
@FunctionalInterface
public interface ProgressListener {
  /** Called on an rpc-parallel thread; keep it short. */
  void progress(Progress progress, boolean finished);

  /** Does nothing. */
  ProgressListener NONE = (p, f) -> {};
}
