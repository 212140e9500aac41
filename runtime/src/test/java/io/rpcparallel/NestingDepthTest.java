package io.rpcparallel;

import static io.rpcparallel.Codecs.MAX_NESTING_DEPTH;
import static io.rpcparallel.RoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The nesting limit of {@link ByteBufWireOutput} and {@link ByteBufWireInput}, through a codec
 * of a recursive record written the way the processor writes one.
 */
class NestingDepthTest {
  record Link(String label, Link next) {}

  static final Codec<Link> LINK = new Codec<>() {
    @Override public void encode(WireOutput out, Link value) {
      if (out.writeNotNull(value)) {
        out.enterNested("demo.Link");
        Codecs.STRING.encode(out, value.label());
        LINK.encode(out, value.next());
        out.exitNested();
      }
    }

    @Override public Link decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      in.enterNested("demo.Link");
      Link value = new Link(Codecs.STRING.decode(in), LINK.decode(in));
      in.exitNested();
      return value;
    }
  };

  static Link chain(int levels) {
    Link link = null;
    for (int i = 0; i < levels; i++) {
      link = new Link("l" + i, link);
    }
    return link;
  }

  static int levels(Link link) {
    int n = 0;
    for (Link l = link; l != null; l = l.next()) {
      n++;
    }
    return n;
  }

  /** A message of {@code levels} links, each with a null label, as a peer could send it. */
  static ByteBuf handCrafted(int levels) {
    ByteBuf buf = Unpooled.buffer(2 * levels + 1);
    for (int i = 0; i < levels; i++) {
      buf.writeByte(1).writeByte(0); // present, label null
    }
    return buf.writeByte(0); // next null
  }

  @Test
  void aValueAtTheLimitMakesTheRoundTrip() {
    assertEquals(chain(MAX_NESTING_DEPTH), roundTrip(LINK, chain(MAX_NESTING_DEPTH)));
  }

  @Test
  void aValueOneLevelDeeperFailsToEncodeNamingTheType() {
    ByteBuf buf = Unpooled.buffer();
    try {
      MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
          () -> LINK.encode(new ByteBufWireOutput(buf), chain(MAX_NESTING_DEPTH + 1)));
      assertEquals("a value of demo.Link is nested deeper than the maximum of "
          + MAX_NESTING_DEPTH + " levels (Codecs.MAX_NESTING_DEPTH); send a flatter value",
          e.getMessage());
    } finally {
      buf.release();
    }
  }

  @Test
  void aMessageAtTheLimitDecodesAndOneLevelDeeperIsRefused() {
    ByteBuf atLimit = handCrafted(MAX_NESTING_DEPTH);
    ByteBuf deeper = handCrafted(MAX_NESTING_DEPTH + 1);
    try {
      assertEquals(MAX_NESTING_DEPTH, levels(LINK.decode(new ByteBufWireInput(atLimit))));
      WireFormatException e = assertThrows(WireFormatException.class,
          () -> LINK.decode(new ByteBufWireInput(deeper)));
      assertEquals("message refused: a value of demo.Link is nested deeper than the maximum of "
          + MAX_NESTING_DEPTH + " levels (Codecs.MAX_NESTING_DEPTH)", e.getMessage());
    } finally {
      atLimit.release();
      deeper.release();
    }
  }

  @Test
  void aMessageNestedAMillionLevelsIsRefusedOnASmallStack() throws InterruptedException {
    ByteBuf buf = handCrafted(1_000_000);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try {
      // Counting, not catching StackOverflowError: 256 KiB would hold a few hundred levels.
      Thread reader = new Thread(null, () -> {
        try {
          LINK.decode(new ByteBufWireInput(buf));
        } catch (Throwable t) {
          thrown.set(t);
        }
      }, "small-stack-reader", 256 * 1024);
      reader.start();
      reader.join();
    } finally {
      buf.release();
    }
    assertTrue(thrown.get() instanceof WireFormatException, () -> "threw " + thrown.get());
  }

  @Property(tries = 100)
  void valuesUpToTheLimitTravelAndDeeperOnesFailBothWays(
      @ForAll @IntRange(min = 0, max = 2 * MAX_NESTING_DEPTH) int levels) {
    if (levels <= MAX_NESTING_DEPTH) {
      assertEquals(levels, levels(roundTrip(LINK, chain(levels))));
      return;
    }
    assertThrows(MessageTooLargeException.class, () -> roundTrip(LINK, chain(levels)));
    ByteBuf buf = handCrafted(levels);
    try {
      assertThrows(WireFormatException.class, () -> LINK.decode(new ByteBufWireInput(buf)));
    } finally {
      buf.release();
    }
  }

  @Test
  void anExitWithoutAnEnterIsACodecBug() {
    assertThrows(IllegalStateException.class,
        () -> new ByteBufWireOutput(Unpooled.EMPTY_BUFFER).exitNested());
    assertThrows(IllegalStateException.class,
        () -> new ByteBufWireInput(Unpooled.EMPTY_BUFFER).exitNested());
  }
}
