package io.rpcparallel.examples.wordcount;

import io.rpcparallel.annotations.RpcWorker;
import java.util.Map;

/** Counts the words of text files, in a worker process. */
// snippet:interface
@RpcWorker
public interface WordCounter {
  /** The frequency of each lower-cased word in the file at {@code path}. */
  Map<String, Long> count(String path);
}
// end-snippet
