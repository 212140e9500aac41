package io.rpcparallel.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What every part of the runtime does with a failure that reached it wrapped. */
public final class Failures {
  private Failures() {}

  /** The exception the user's code threw, not the future's wrappers around it. */
  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
