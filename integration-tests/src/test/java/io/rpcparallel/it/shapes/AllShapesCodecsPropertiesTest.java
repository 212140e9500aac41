package io.rpcparallel.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.rpcparallel.Codec;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random values of every supported shape make the round trip through the codecs the processor
 * generated for {@link AllShapes}, over the runtime's Netty wire input and output.
 */
class AllShapesCodecsPropertiesTest {
  static <T> T roundTrip(Codec<T> codec, T value) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer();
    try {
      codec.encode(new ByteBufWireOutput(buf), value);
      ByteBufWireInput in = new ByteBufWireInput(buf);
      T back = codec.decode(in);
      in.expectEnd();
      return back;
    } finally {
      buf.release();
    }
  }

  @Property(tries = 300)
  void everythingMakesTheRoundTrip(@ForAll("everything") Everything value) {
    Everything back = roundTrip(AllShapesCodecs.EVERYTHING, value);
    assertTrue(Deep.equal(value, back), () -> "sent " + value + "\ngot  " + back);
  }

  @Property(tries = 300)
  void shapesMakeTheRoundTrip(@ForAll("shapes") Shape shape) {
    assertTrue(Deep.equal(shape, roundTrip(AllShapesCodecs.SHAPE, shape)));
  }

  @Property(tries = 100)
  void theEncodingIsDeterministic(@ForAll("everything") Everything value) {
    ByteBuf first = PooledByteBufAllocator.DEFAULT.buffer();
    ByteBuf second = PooledByteBufAllocator.DEFAULT.buffer();
    try {
      AllShapesCodecs.EVERYTHING.encode(new ByteBufWireOutput(first), value);
      AllShapesCodecs.EVERYTHING.encode(new ByteBufWireOutput(second),
          roundTrip(AllShapesCodecs.EVERYTHING, value));
      assertEquals(first, second);
    } finally {
      first.release();
      second.release();
    }
  }

  @Provide
  Arbitrary<Everything> everything() {
    return Values.everything();
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Values.shapes().injectNull(0.05);
  }
}
