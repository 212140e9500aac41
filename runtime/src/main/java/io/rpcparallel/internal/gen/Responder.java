package io.rpcparallel.internal.gen;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.util.function.Consumer;

/** How a {@link Dispatcher} answers one call. For generated code only. */
public interface Responder {
  /** Answers with a result, written by {@code result} (which writes nothing for {@code void}). */
  void reply(Consumer<WireOutput> result);

  /** Answers with the exception the implementation threw (or completed its future with). */
  void fail(Throwable error);

  /**
   * The call is a streaming call: reads its stream id from {@code args} (before the arguments)
   * and returns what answers it.
   */
  default StreamCall stream(WireInput args) {
    throw new UnsupportedOperationException("this call cannot carry a stream");
  }

  /** Answers that the interface has no method with this id. */
  void unknownMethod(int methodId);
}
