package io.rpcparallel.internal.gen;

import io.rpcparallel.WireInput;

/**
 * The worker side of one interface: decodes a call's arguments, invokes the implementation and
 * answers through the {@link Responder}. Generated as {@code XDispatcher}; for generated code only.
 *
 * <p>The runtime calls {@link #dispatch} on a pool thread, or on the event loop that read the
 * call for the methods {@link #runsOnEventLoop} names. The arguments are only valid during the
 * call: a dispatcher decodes them all before it invokes the implementation.
 */
public interface Dispatcher {
  /**
   * Runs method {@code methodId}. Answers exactly once, now or later (for methods returning a
   * future), through {@code responder}; an exception thrown from here is the call's failure.
   * An id this interface does not know is answered with {@link Responder#unknownMethod}.
   */
  void dispatch(int methodId, WireInput args, Responder responder) throws Exception;

  /**
   * Whether method {@code methodId} runs on the event loop that read the call
   * ({@code @OnEventLoop}) rather than on the call pool. None does unless generated so.
   */
  default boolean runsOnEventLoop(int methodId) {
    return false;
  }
}
