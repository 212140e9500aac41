package io.rpcparallel;

/** Hears a map-reduce job's progress: after every output, and once more when the job ends. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Hears the job's progress. Called on an rpc-parallel thread; keep it short.
   *
   * @param progress how far the job has come
   * @param finished whether the job has ended (this is the last call)
   */
  void progress(Progress progress, boolean finished);

  /** Does nothing. */
  ProgressListener NONE = (p, f) -> {};
}
