package io.rpcparallel.it;

import io.rpcparallel.annotations.RpcWorker;
import java.util.List;
import java.util.Optional;

/** Map-reduce tasks. */
@RpcWorker(init = TaskInit.class)
public interface Tasks {
  /** x * x, with facts about the worker that computed it. */
  TaskResult square(long x);

  /** A one-element list of x. */
  List<Long> singleton(long x);

  /** x if x is the init's needle. */
  Optional<Long> find(long x);
}
