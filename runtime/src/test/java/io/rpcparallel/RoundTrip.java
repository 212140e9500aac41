package io.rpcparallel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;

/** Encodes a value into a Netty buffer and decodes it back, checking nothing is left over. */
final class RoundTrip {
  private RoundTrip() {}

  static <T> T roundTrip(Codec<T> codec, T value) {
    ByteBuf buf = Unpooled.buffer();
    try {
      codec.encode(new ByteBufWireOutput(buf), value);
      ByteBufWireInput in = new ByteBufWireInput(buf);
      T result = codec.decode(in);
      in.expectEnd();
      return result;
    } finally {
      buf.release();
    }
  }
}
