package io.rpcparallel.internal.wire;

import io.rpcparallel.Codecs;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.WireFormatException;

/**
 * The nesting count of one message, shared by {@link ByteBufWireOutput} and
 * {@link ByteBufWireInput}: counting levels, rather than catching {@link StackOverflowError},
 * refuses a value too deep before any stack runs out.
 */
final class Nesting {
  private Nesting() {}

  /** The depth after entering one more level while writing; too deep is {@link MessageTooLargeException}. */
  static int enterWriting(int depth, String type) {
    if (depth >= Codecs.MAX_NESTING_DEPTH) {
      throw new MessageTooLargeException(tooDeep(type) + "; send a flatter value");
    }
    return depth + 1;
  }

  /** The depth after entering one more level while reading; too deep is {@link WireFormatException}. */
  static int enterReading(int depth, String type) {
    if (depth >= Codecs.MAX_NESTING_DEPTH) {
      throw new WireFormatException("message refused: " + tooDeep(type));
    }
    return depth + 1;
  }

  /** The depth after leaving one level. */
  static int exit(int depth) {
    if (depth <= 0) {
      throw new IllegalStateException("exitNested without a matching enterNested");
    }
    return depth - 1;
  }

  private static String tooDeep(String type) {
    return "a value of " + type + " is nested deeper than the maximum of "
        + Codecs.MAX_NESTING_DEPTH + " levels (Codecs.MAX_NESTING_DEPTH)";
  }
}
