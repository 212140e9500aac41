package io.rpcparallel.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RemoteException;
import io.rpcparallel.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frame layout. Every frame is {@code [int length][byte kind][body]}, where {@code length}
 * counts the kind and the body and never exceeds the max message size plus {@link #HEADROOM}.
 *
 * <pre>
 * HELLO        server -> client  int magic, short version, string iface, string fingerprint, bytes nonce
 * HELLO_REPLY  client -> server  int magic, short version, string fingerprint, bytes nonce, bytes mac
 * HELLO_OK     server -> client  bytes mac
 * HELLO_REJECT either            string reason
 * CALL         client -> server  long callId, int methodId, args
 * ONEWAY       client -> server  int methodId, args
 * CONTROL      client -> server  long callId, int builtinId, args
 * REPLY        server -> client  long callId, result
 * ERROR        server -> client  long callId, remote exception (class, message, stack)
 * HEARTBEAT    either            (empty)
 * STREAM_ITEM  writer -> reader  long streamId, item
 * STREAM_END   writer -> reader  long streamId
 * STREAM_ERROR writer -> reader  long streamId, remote exception
 * STREAM_CANCEL reader -> writer long streamId
 * STREAM_CREDIT reader -> writer long streamId, int items, long bytes (more room: items, and bytes of items)
 * STREAM_BLOCKED writer -> reader long streamId (the writer has used up its credit)
 * </pre>
 *
 * <p>Version 2 added the bytes of {@code STREAM_CREDIT} and {@code STREAM_BLOCKED}; the handshake
 * refuses a peer of another version.
 */
public final class Frames {
  private Frames() {}

  public static final int MAGIC = 0x52504350; // "RPCP"
  public static final short VERSION = 2;

  /** Bytes a frame may carry beyond the max message size: kind, ids. */
  public static final int HEADROOM = 64;
  /** The largest frame accepted before a connection is authenticated. */
  public static final int MAX_HANDSHAKE_FRAME = 1024;

  public static final byte HELLO = 1;
  public static final byte HELLO_REPLY = 2;
  public static final byte HELLO_OK = 3;
  public static final byte HELLO_REJECT = 4;
  public static final byte CALL = 10;
  public static final byte ONEWAY = 11;
  public static final byte CONTROL = 12;
  public static final byte REPLY = 13;
  public static final byte ERROR = 14;
  public static final byte HEARTBEAT = 20;
  public static final byte STREAM_ITEM = 30;
  public static final byte STREAM_END = 31;
  public static final byte STREAM_ERROR = 32;
  public static final byte STREAM_CANCEL = 33;
  public static final byte STREAM_CREDIT = 34;
  public static final byte STREAM_BLOCKED = 35;

  /** Built-in control calls every worker answers. */
  public static final int BUILTIN_SHUTDOWN = 1;
  public static final int BUILTIN_CLOSE_SERVER = 2;
  public static final int BUILTIN_SETTINGS = 3;
  /** Opens the worker's log stream: args {@code long streamId}; the reply (empty) comes once subscribed. */
  public static final int BUILTIN_LOGS = 4;
  /** Builds the connection's state: args the connect argument; a failure closes the connection. */
  public static final int BUILTIN_CONNECT = 5;
  /**
   * The worker's own process figures (for the dashboard): no args; the reply is {@code long nanoTime,
   * long cpuNanos, long rssBytes, long heapUsed, long heapMax} (-1 where unknown).
   */
  public static final int BUILTIN_PROCESS_STATS = 6;

  /**
   * Builds one frame: allocates a buffer capped at the max message size, lets {@code body} write
   * into it, then fills in the length. If the body outgrows the cap, the buffer is released and
   * {@link MessageTooLargeException} is thrown: nothing is sent.
   */
  public static ByteBuf build(ByteBufAllocator alloc, byte kind, int maxMessageSize, String what,
      Consumer<ByteBufWireOutput> body) {
    int cap = 4 + maxMessageSize + HEADROOM;
    return build(alloc.buffer(Math.min(256, cap), cap), kind, maxMessageSize, what, body);
  }

  /**
   * Builds one frame as {@link #build(ByteBufAllocator, byte, int, String, Consumer)} does, in a
   * buffer of {@code expectedSize} bytes to begin with (a stream's items are much alike), so that
   * a large body is written once instead of into a buffer that grows (and is copied) as it goes.
   * A heap buffer: measured with benchmarks/run, a direct one (which the socket would write as it
   * is) cost more to allocate and zero per frame than the copy it saves.
   */
  public static ByteBuf build(ByteBufAllocator alloc, byte kind, int maxMessageSize, String what,
      int expectedSize, Consumer<ByteBufWireOutput> body) {
    int cap = 4 + maxMessageSize + HEADROOM;
    return build(alloc.heapBuffer(Math.min(Math.max(256, expectedSize), cap), cap), kind, maxMessageSize, what,
        body);
  }

  private static ByteBuf build(ByteBuf buf, byte kind, int maxMessageSize, String what,
      Consumer<ByteBufWireOutput> body) {
    boolean ok = false;
    try {
      buf.writeInt(0);
      buf.writeByte(kind);
      body.accept(new ByteBufWireOutput(buf));
      buf.setInt(0, buf.readableBytes() - 4);
      ok = true;
      return buf;
    } catch (IndexOutOfBoundsException e) {
      // Writes into the capped buffer fail only when it would outgrow the cap.
      throw new MessageTooLargeException(what + " does not fit in the max message size of "
          + maxMessageSize + " bytes; raise max_message_size (RPC_PARALLEL_RPC_SETTINGS) or send less");
    } finally {
      if (!ok) {
        buf.release();
      }
    }
  }

  /** An empty frame of one kind (heartbeat). */
  public static ByteBuf empty(ByteBufAllocator alloc, byte kind) {
    ByteBuf buf = alloc.buffer(5);
    buf.writeInt(1);
    buf.writeByte(kind);
    return buf;
  }

  /**
   * Builds an error frame: {@code header} writes the ids, then the error's class, message and
   * stack trace follow. Never throws for size: an error too large for the frame is sent with its
   * message truncated (saying so) and a shorter stack trace, and failing that as its class name
   * and a note alone.
   */
  public static ByteBuf buildError(ByteBufAllocator alloc, byte kind, int maxMessageSize,
      Consumer<ByteBufWireOutput> header, Throwable error) {
    String message = messageOf(error);
    try {
      return build(alloc, kind, maxMessageSize, "the error", out -> {
        header.accept(out);
        writeError(out, error.getClass().getName(), message, error.getStackTrace(), 256, Integer.MAX_VALUE);
      });
    } catch (MessageTooLargeException e) {
      // Below: the same error, cut to fit.
    }
    String shortMessage = truncate(message, Math.max(64, maxMessageSize / 8), maxMessageSize);
    try {
      return build(alloc, kind, maxMessageSize, "the error", out -> {
        header.accept(out);
        writeError(out, error.getClass().getName(), shortMessage, error.getStackTrace(), 64, 200);
      });
    } catch (MessageTooLargeException e) {
      // Below: the class name and a note, which always fit.
    }
    String cls = error.getClass().getName();
    String note = "[the error's message and stack trace do not fit in the max message size of " + maxMessageSize
        + " bytes]";
    return build(alloc, kind, maxMessageSize, "the error", out -> {
      header.accept(out);
      writeError(out, cls.length() > 200 ? cls.substring(0, 200) : cls, note, new StackTraceElement[0], 0, 0);
    });
  }

  /** The throwable's message, or a note if its {@code getMessage} itself throws. */
  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      return "[getMessage() threw " + e.getClass().getName() + "]";
    }
  }

  private static String truncate(String message, int keep, int maxMessageSize) {
    if (message == null || message.length() <= keep) {
      return message;
    }
    return message.substring(0, keep) + "... [truncated: the message had " + message.length()
        + " characters, more than fits in the max message size of " + maxMessageSize + " bytes]";
  }

  /** Writes an exception's class, message and stack trace (at most 256 frames). */
  public static void writeError(io.rpcparallel.WireOutput out, Throwable t) {
    writeError(out, t.getClass().getName(), messageOf(t), t.getStackTrace(), 256, Integer.MAX_VALUE);
  }

  private static void writeError(io.rpcparallel.WireOutput out, String cls, String msg, StackTraceElement[] stack,
      int maxFrames, int maxChars) {
    out.writeString(cls);
    if (out.writeNotNull(msg)) {
      out.writeString(msg);
    }
    int n = Math.min(stack.length, maxFrames);
    out.writeLength(n);
    for (int i = 0; i < n; i++) {
      StackTraceElement e = stack[i];
      out.writeString(cut(e.getClassName(), maxChars));
      out.writeString(cut(e.getMethodName(), maxChars));
      String file = e.getFileName();
      if (out.writeNotNull(file)) {
        out.writeString(cut(file, maxChars));
      }
      out.writeInt(e.getLineNumber());
    }
  }

  private static String cut(String s, int maxChars) {
    return s.length() <= maxChars ? s : s.substring(0, maxChars);
  }

  /**
   * Reads the failure of a call or stream: a {@link RemoteException} from {@code peer}, or, when
   * the peer could not send its answer because it was too large, the same
   * {@link MessageTooLargeException} a local send would have thrown.
   */
  public static io.rpcparallel.RpcException readFailure(io.rpcparallel.WireInput in, String peer) {
    RemoteException e = readError(in, peer);
    if (MessageTooLargeException.class.getName().equals(e.remoteClass())) {
      return new MessageTooLargeException(e.remoteMessage() + " (at " + peer + ")");
    }
    return e;
  }

  /** Reads what {@link #writeError} wrote as a {@link RemoteException} from {@code worker}. */
  public static RemoteException readError(io.rpcparallel.WireInput in, String worker) {
    try {
      String cls = in.readString();
      String msg = in.readNotNull() ? in.readString() : null;
      int n = in.readLength(4);
      List<StackTraceElement> stack = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String c = in.readString();
        String m = in.readString();
        String f = in.readNotNull() ? in.readString() : null;
        int line = in.readInt();
        stack.add(new StackTraceElement(c, m, f, line));
      }
      return new RemoteException(worker, cls, msg, stack);
    } catch (WireFormatException e) {
      return new RemoteException(worker, "<undecodable error>", e.getMessage(), List.of());
    }
  }
}
