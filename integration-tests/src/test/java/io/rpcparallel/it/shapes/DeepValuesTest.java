package io.rpcparallel.it.shapes;

import static io.rpcparallel.Codecs.MAX_NESTING_DEPTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rpcparallel.Codec;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The generated codecs of recursive records count their levels: a value at
 * {@code Codecs.MAX_NESTING_DEPTH} makes the round trip on a thread with half the default
 * stack, even before the JIT compiles the codecs; one level deeper fails both ways; and a
 * message from a peer nested a million levels deep is refused without overflowing the stack.
 */
class DeepValuesTest {
  /** Half the default thread stack of 64-bit JVMs, and a quarter of it is the JVM's guard zones. */
  private static final long SMALL_STACK = 512 * 1024;

  @Test
  void treesAndGroupsAtTheLimitMakeTheRoundTripOnASmallStack() throws Exception {
    Tree tree = Chains.tree(MAX_NESTING_DEPTH);
    assertEquals(tree, onSmallStack(() -> roundTrip(AllShapesCodecs.TREE, tree)));
    Shape group = Chains.group(MAX_NESTING_DEPTH);
    assertEquals(group, onSmallStack(() -> roundTrip(AllShapesCodecs.SHAPE, group)));
  }

  @Test
  void oneLevelMoreFailsToEncodeNamingTheType() {
    MessageTooLargeException tooDeep = assertThrows(MessageTooLargeException.class,
        () -> roundTrip(AllShapesCodecs.TREE, Chains.tree(MAX_NESTING_DEPTH + 1)));
    assertTrue(tooDeep.getMessage().contains("a value of io.rpcparallel.it.shapes.Tree is nested"
        + " deeper than the maximum of " + MAX_NESTING_DEPTH + " levels"), tooDeep::getMessage);
    tooDeep = assertThrows(MessageTooLargeException.class,
        () -> roundTrip(AllShapesCodecs.SHAPE, Chains.group(MAX_NESTING_DEPTH + 1)));
    assertTrue(tooDeep.getMessage().contains("io.rpcparallel.it.shapes.Shape.Group"),
        tooDeep::getMessage);
  }

  @Test
  void messagesAtTheLimitDecodeAndOneLevelMoreIsRefused() throws Exception {
    for (int levels : new int[] {MAX_NESTING_DEPTH, MAX_NESTING_DEPTH + 1}) {
      Throwable treeFailure = decodeOnSmallStack(AllShapesCodecs.TREE,
          new Tree(null, Collections.singletonList(null)), levels);
      Throwable groupFailure = decodeOnSmallStack(AllShapesCodecs.SHAPE,
          new Shape.Group(null, Collections.singletonList(null)), levels);
      if (levels <= MAX_NESTING_DEPTH) {
        assertEquals(null, treeFailure);
        assertEquals(null, groupFailure);
      } else {
        assertTrue(treeFailure instanceof WireFormatException, () -> "threw " + treeFailure);
        assertTrue(treeFailure.getMessage().contains("io.rpcparallel.it.shapes.Tree"));
        assertTrue(groupFailure instanceof WireFormatException, () -> "threw " + groupFailure);
      }
    }
  }

  @Test
  void aMessageNestedAMillionLevelsIsRefusedWithoutOverflowingTheStack() throws Exception {
    Throwable tree = decodeOnSmallStack(AllShapesCodecs.TREE,
        new Tree(null, Collections.singletonList(null)), 1_000_000);
    assertTrue(tree instanceof WireFormatException, () -> "threw " + tree);
    Throwable group = decodeOnSmallStack(AllShapesCodecs.SHAPE,
        new Shape.Group(null, Collections.singletonList(null)), 1_000_000);
    assertTrue(group instanceof WireFormatException, () -> "threw " + group);
  }

  /**
   * Decodes, on a small stack, a message of {@code levels} copies of {@code level} inside one
   * another, as a peer could craft it; returns what decoding threw, or null.
   */
  private static <T> Throwable decodeOnSmallStack(Codec<T> codec, T level, int levels)
      throws Exception {
    // level's encoding ends with its single null member: the rest is one level's prefix.
    ByteBuf one = Unpooled.buffer();
    codec.encode(new ByteBufWireOutput(one), level);
    byte[] prefix = ByteBufUtil.getBytes(one, 0, one.readableBytes() - 1);
    one.release();
    ByteBuf message = Unpooled.buffer(prefix.length * levels + 1);
    for (int i = 0; i < levels; i++) {
      message.writeBytes(prefix);
    }
    message.writeByte(0);
    try {
      onSmallStack(() -> {
        ByteBufWireInput in = new ByteBufWireInput(message);
        codec.decode(in);
        in.expectEnd();
        return null;
      });
      return null;
    } catch (Exception e) {
      return e;
    } finally {
      message.release();
    }
  }

  private static <T> T roundTrip(Codec<T> codec, T value) {
    return AllShapesCodecsPropertiesTest.roundTrip(codec, value);
  }

  /** Runs {@code task} on a new thread with {@link #SMALL_STACK}; an Error fails the test. */
  private static <T> T onSmallStack(Callable<T> task) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(task.call());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", SMALL_STACK);
    thread.start();
    thread.join();
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    } else if (t != null) {
      throw new AssertionError("threw " + t, t);
    }
    return result.get();
  }
}
