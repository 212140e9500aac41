package io.rpcparallel.it.edge;

/** How a test publisher emits. */
public enum Shape {
  /** Calls {@code onComplete} (or {@code onError}) from {@code subscribe}, before any request. */
  EMPTY_AT_ONCE,
  /** A {@code SubmissionPublisher} closed before anyone subscribed. */
  ALREADY_CLOSED,
  /** Calls {@code onError} from {@code subscribe}. */
  FAILING_AT_ONCE,
  /** Emits inside {@code request(n)}, on the requesting thread. */
  IN_REQUEST,
  /** Emits from a thread of its own, as demand allows. */
  OWN_THREAD,
  /** A {@code SubmissionPublisher} fed by a thread that does not wait for subscribers' demand. */
  HOT
}
