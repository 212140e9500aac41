package io.rpcparallel.internal.gen;

import io.rpcparallel.WireOutput;
import java.util.function.Consumer;

/** How a {@link Dispatcher} answers one call. For generated code only. */
public interface Responder {
  /** Answers with a result, written by {@code result} (which writes nothing for {@code void}). */
  void reply(Consumer<WireOutput> result);

  /** Answers with the exception the implementation threw (or completed its future with). */
  void fail(Throwable error);

  /** Answers that the interface has no method with this id. */
  void unknownMethod(int methodId);
}
