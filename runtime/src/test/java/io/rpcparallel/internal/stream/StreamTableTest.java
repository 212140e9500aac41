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
  private final StreamTable table = new StreamTable(channel, MAX, "peer", executor, channel::writeAndFlush);

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
    return credit(id, n, n == 0 ? 0 : StreamTable.WINDOW_BYTES);
  }

  private static ByteBuf credit(long id, int n, long bytes) {
    ByteBuf b = Unpooled.buffer();
    b.writeLong(id);
    b.writeInt(n);
    b.writeLong(bytes);
    return b;
  }

  private void deliver(byte kind, ByteBuf body) {
    deliver(table, kind, body);
  }

  private static void deliver(StreamTable table, byte kind, ByteBuf body) {
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
    assertEquals(Frames.STREAM_BLOCKED, nextKind(), "the writer says it used up its credit");
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
    assertEquals(Frames.STREAM_BLOCKED, nextKind());
  }

  @Test
  void aWriterOfLargeItemsStopsAtItsByteCreditOvershootingByOneItem() throws Exception {
    OutboundStream<byte[]> out = table.openOutbound(6, Codecs.BYTES, false);
    deliver(Frames.STREAM_CREDIT, credit(6, 100, 2500));
    byte[] item = new byte[1000]; // 1003 bytes encoded: presence flag, length, bytes
    for (int i = 0; i < 3; i++) {
      out.write(item);
      assertEquals(Frames.STREAM_ITEM, nextKind());
    }
    assertEquals(Frames.STREAM_BLOCKED, nextKind(), "3009 bytes of 2500: used up, with 97 items left");
    assertEquals(97, out.credits());
    assertEquals(2500 - 3 * 1003, out.creditBytes());
    Thread writer = new Thread(() -> out.write(item));
    writer.start();
    TestThreads.awaitParkedOrEnded(writer);
    assertTrue(writer.isAlive(), "a write with items but no bytes of credit must wait");
    assertNull(nextKind());
    deliver(Frames.STREAM_CREDIT, credit(6, 0, 3 * 1003 - 2500 + 1));
    writer.join(10_000);
    assertFalse(writer.isAlive());
    channel.runPendingTasks();
    assertEquals(Frames.STREAM_ITEM, nextKind());
  }

  /** An item frame's body: stream id, then a byte[] item of {@code size} bytes (Codecs.BYTES). */
  private static ByteBuf item(long id, int size) {
    ByteBuf b = Unpooled.buffer();
    b.writeLong(id);
    b.writeByte(1);
    new io.rpcparallel.internal.wire.ByteBufWireOutput(b).writeLength(size);
    b.writeZero(size);
    return b;
  }

  /** The next frame, which must be a credit for stream {@code id}: {items, bytes}. */
  private long[] nextCredit(long id) {
    ByteBuf frame = channel.readOutbound();
    assertTrue(frame != null, "no credit was sent");
    try {
      frame.skipBytes(4);
      assertEquals(Frames.STREAM_CREDIT, frame.readByte());
      assertEquals(id, frame.readLong());
      return new long[] {frame.readInt(), frame.readLong()};
    } finally {
      frame.release();
    }
  }

  @Test
  void aReaderThatKeepsUpGrowsItsWindowWhenTheWriterIsBlockedAndASlowOneDoesNot() {
    StreamTable direct = new StreamTable(channel, MAX, "peer", Runnable::run, channel::writeAndFlush);
    InboundStream<byte[]> in = direct.openInbound(7, Codecs.BYTES, false);
    Collecting sink = new Collecting();
    java.util.List<byte[]> got = sink.got;
    in.attach(sink);
    // The first window in items: a credit for a quarter of it once a quarter is handed over.
    for (int i = 0; i < StreamTable.WINDOW / 4; i++) {
      deliver(direct, Frames.STREAM_ITEM, item(7, 10));
    }
    assertEquals(StreamTable.WINDOW / 4, got.size());
    long[] credit = nextCredit(7);
    assertEquals(StreamTable.WINDOW / 4, credit[0]);
    assertEquals(StreamTable.WINDOW / 4 * 12, credit[1]);
    // The writer used up its credit and this reader has nothing left: the window doubles.
    deliver(direct, Frames.STREAM_BLOCKED, Unpooled.buffer().writeLong(7));
    credit = nextCredit(7);
    assertEquals(StreamTable.WINDOW, credit[0], "grown by a window");
    assertEquals(StreamTable.WINDOW_BYTES, credit[1]);
    assertNull(nextKind());
    // A reader that has not taken what it holds (no consumer yet) does not grow.
    direct.openInbound(9, Codecs.BYTES, false);
    deliver(direct, Frames.STREAM_ITEM, item(9, 10));
    deliver(direct, Frames.STREAM_BLOCKED, Unpooled.buffer().writeLong(9));
    assertNull(nextKind());
  }

  /** A sink that keeps what it is given. */
  private static final class Collecting implements io.rpcparallel.StreamWriter<byte[]> {
    final java.util.List<byte[]> got = new java.util.ArrayList<>();
    private final java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();

    @Override public void write(byte[] item) {
      got.add(item);
    }

    @Override public void close() {
      closed.complete(null);
    }

    @Override public void fail(Throwable error) {
      closed.complete(null);
    }

    @Override public java.util.concurrent.CompletableFuture<Void> closed() {
      return closed;
    }
  }

  @Test
  void aReaderRefusesItemsBeyondItsByteCredit() {
    StreamTable direct = new StreamTable(channel, MAX, "peer", Runnable::run, channel::writeAndFlush);
    direct.openInbound(8, Codecs.BYTES, false);
    // Items of 10240 bytes encoded against the first window of 256 KiB: the 26th overshoots it, the 27th is refused.
    for (int i = 0; i < 26; i++) {
      deliver(direct, Frames.STREAM_ITEM, item(8, 10237));
    }
    assertNull(nextKind());
    assertEquals(1, direct.size());
    deliver(direct, Frames.STREAM_ITEM, item(8, 10237));
    assertEquals(Frames.STREAM_CANCEL, nextKind());
    assertEquals(0, direct.size());
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

  @Test
  void aCancelThatArrivesBeforeItsWriterOpensIsAppliedWhenItOpens() {
    deliver(Frames.STREAM_CANCEL, Unpooled.buffer().writeLong(8));
    assertEquals(1, table.earlyCancels());
    OutboundStream<Long> out = table.openOutbound(8, Codecs.LONG, true);
    assertThrows(StreamClosedException.class, () -> out.write(1L), "the writer ignored its reader's cancel");
    assertTrue(out.closed().isDone() || out.closed().orTimeout(10, TimeUnit.SECONDS).join() == null);
    assertNull(nextKind(), "a cancelled writer sent a frame");
    assertEquals(0, table.size());
    assertEquals(0, table.earlyCancels());
  }

  @Test
  void earlyCancelsAreBoundedAndGoWithTheConnection() {
    for (long id = 1; id <= StreamTable.MAX_EARLY_CANCELS + 10; id++) {
      deliver(Frames.STREAM_CANCEL, Unpooled.buffer().writeLong(id));
    }
    assertEquals(StreamTable.MAX_EARLY_CANCELS, table.earlyCancels());
    // The newest are kept: a writer about to open has a recent id.
    OutboundStream<Long> newest = table.openOutbound(StreamTable.MAX_EARLY_CANCELS + 10, Codecs.LONG, true);
    assertThrows(StreamClosedException.class, () -> newest.write(1L));
    table.connectionLost(new RpcException("gone"));
    assertEquals(0, table.earlyCancels());
  }
}
