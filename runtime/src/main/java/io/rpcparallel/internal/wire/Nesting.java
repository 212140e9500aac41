package io.rpcparallel.internal.wire;

import io.rpcparallel.Codecs;

/**
 * The nesting count of one message, shared by {@link ByteBufWireOutput} and
 * {@link ByteBufWireInput}: counting levels, rather than catching {@link StackOverflowError},
 * refuses a value too deep before any stack runs out.
 */
final class Nesting {
  private Nesting() {}

  /** The depth after entering one more level, or -1 past {@link Codecs#MAX_NESTING_DEPTH}. */
  static int enter(int depth) {
    return depth < Codecs.MAX_NESTING_DEPTH ? depth + 1 : -1;
  }

  /** The depth after leaving one level. */
  static int exit(int depth) {
    if (depth <= 0) {
      throw new IllegalStateException("exitNested without a matching enterNested");
    }
    return depth - 1;
  }

  static String tooDeep(String type) {
    return "a value of " + type + " is nested deeper than the maximum of "
        + Codecs.MAX_NESTING_DEPTH + " levels (Codecs.MAX_NESTING_DEPTH)";
  }
}
