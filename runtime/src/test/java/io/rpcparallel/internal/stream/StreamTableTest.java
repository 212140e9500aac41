package io.rpcparallel.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rpcparallel.Codecs;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.TestThreads;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream table and its writers on an {@link EmbeddedChannel}: the frames they send, and when. */
class StreamTableTest {
  private static final int MAX = 4096;
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final StreamTable table = new StreamTable(channel, MAX, "peer", executor);

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
    executor.shutdownNow();
  }

  /** The kind of the next frame written, its length prefix checked; null if there is none. */
  private Byte nextKind() {
    ByteBuf frame = channel.readOutbound();
    if (frame == null) {
      return null;
    }
    try {
      assertEquals(frame.readableBytes() - 4, frame.readInt());
      return frame.readByte();
    } finally {
      frame.release();
    }
  }

  private static ByteBuf credit(long id, int n) {
    ByteBuf b = Unpooled.buffer();
    b.writeLong(id);
    b.writeInt(n);
    return b;
  }

  private void deliver(byte kind, ByteBuf body) {
    try {
      assertTrue(table.onFrame(kind, body));
    } finally {
      body.release();
    }
  }

  @Test
  void aCallersWriterHoldsItsEndUntilTheReaderHasGranted() {
    OutboundStream<Long> out = table.openOutbound(1, Codecs.LONG, false);
    out.close();
    assertNull(nextKind(), "the end went out before the reader could know the stream");
    deliver(Frames.STREAM_CREDIT, credit(1, StreamTable.WINDOW));
    assertEquals(Frames.STREAM_END, nextKind());
    assertEquals(0, table.size());
  }

  @Test
  void aHeldEndIsDroppedWhenTheReaderCancels() {
    OutboundStream<Long> out = table.openOutbound(2, Codecs.LONG, false);
    out.fail(new IllegalStateException("boom"));
    ByteBuf cancel = Unpooled.buffer().writeLong(2);
    deliver(Frames.STREAM_CANCEL, cancel);
    assertNull(nextKind());
    assertEquals(0, table.size());
  }

  @Test
  void aWorkersWriterSendsItsWindowThenWaits() throws Exception {
    OutboundStream<Long> out = table.openOutbound(3, Codecs.LONG, true);
    for (int i = 0; i < StreamTable.WINDOW; i++) {
      out.write((long) i);
      assertEquals(Frames.STREAM_ITEM, nextKind());
    }
    Thread writer = new Thread(() -> out.write(99L));
    writer.start();
    TestThreads.awaitParkedOrEnded(writer);
    assertTrue(writer.isAlive(), "a write past the window must wait for credit");
    assertNull(nextKind());
    deliver(Frames.STREAM_CREDIT, credit(3, 0)); // not a grant
    assertTrue(TestThreads.parked(writer), "a zero grant let the writer go");
    deliver(Frames.STREAM_CREDIT, credit(3, 1));
    writer.join(10_000);
    assertFalse(writer.isAlive());
    channel.runPendingTasks();
    assertEquals(Frames.STREAM_ITEM, nextKind());
  }

  @Test
  void anItemTooLargeEndsTheStreamOnBothEndsNamingItsSize() throws Exception {
    OutboundStream<byte[]> out = table.openOutbound(4, Codecs.BYTES, true);
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> out.write(new byte[MAX * 2]));
    assertTrue(e.getMessage().startsWith("a stream item of 8195 bytes is larger than the max message size of 4096"),
        e.getMessage());
    assertEquals(Frames.STREAM_ERROR, nextKind());
    assertEquals(e, out.localFailure().get(10, TimeUnit.SECONDS));
    assertThrows(StreamClosedException.class, () -> out.write(new byte[1]));
    out.closed().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anErrorTooLargeForAFrameIsTruncatedNotLost() {
    OutboundStream<Long> out = table.openOutbound(5, Codecs.LONG, true);
    out.fail(new IllegalStateException("m".repeat(MAX * 3)));
    ByteBuf frame = channel.readOutbound();
    try {
      assertTrue(frame.readableBytes() <= 4 + MAX + Frames.HEADROOM);
      frame.skipBytes(5);
      assertEquals(5, frame.readLong());
      RpcException error = Frames.readFailure(new io.rpcparallel.internal.wire.ByteBufWireInput(frame), "peer");
      assertTrue(error.getMessage().contains("[truncated: the message had 12288 characters"), error.getMessage());
    } finally {
      frame.release();
    }
  }

  @Test
  void framesOfUnknownStreamsAreIgnoredAndOtherKindsAreNotTaken() {
    deliver(Frames.STREAM_CREDIT, credit(77, 5));
    ByteBuf other = Unpooled.buffer().writeLong(1);
    try {
      assertFalse(table.onFrame(Frames.REPLY, other));
    } finally {
      other.release();
    }
    assertNull(nextKind());
  }
}
