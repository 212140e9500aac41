package io.rpcparallel.processor;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.WorkerControl;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.gen.ResultReader;
import io.rpcparallel.internal.gen.RpcConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * An {@link RpcConnection} that hands each call, as bytes, straight to a {@link Dispatcher} in
 * the same thread: the generated client and dispatcher without the runtime. It fails a call
 * whose arguments or result are not read back exactly, byte for byte.
 */
public final class Loopback implements RpcConnection {
  private final Dispatcher dispatcher;

  private Loopback(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public static RpcConnection of(Dispatcher dispatcher) {
    return new Loopback(dispatcher);
  }

  @Override
  public <R> CompletableFuture<R> call(int methodId, Consumer<WireOutput> args,
      ResultReader<R> result) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    Input input = new Input(Output.write(args));
    try {
      dispatcher.dispatch(methodId, input, new Responder() {
        @Override
        public void reply(Consumer<WireOutput> value) {
          reply.complete(Output.write(value));
        }

        @Override
        public void fail(Throwable error) {
          reply.completeExceptionally(error);
        }

        @Override
        public void unknownMethod(int id) {
          reply.completeExceptionally(new IllegalStateException("unknown method " + id));
        }
      });
      input.assertFullyRead();
    } catch (Exception e) {
      reply.completeExceptionally(e);
    }
    return reply.thenApply(bytes -> {
      Input in = new Input(bytes);
      R value = result.read(in);
      in.assertFullyRead();
      return value;
    });
  }

  @Override
  public <R> R callBlocking(int methodId, Consumer<WireOutput> args, ResultReader<R> result) {
    try {
      return call(methodId, args, result).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public void oneWay(int methodId, Consumer<WireOutput> args) {
    call(methodId, args, in -> null);
  }

  @Override
  public WorkerControl<?> control() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}

  /** Writes with {@link DataOutputStream}; a length is a plain int here. */
  public static final class Output implements WireOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private int depth;

    public static byte[] write(Consumer<WireOutput> writer) {
      Output output = new Output();
      writer.accept(output);
      if (output.depth != 0) {
        throw new AssertionError(output.depth + " levels of nesting entered and not exited");
      }
      return output.bytes.toByteArray();
    }

    private interface IoAction {
      void run() throws IOException;
    }

    private void io(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override public boolean writeNotNull(Object value) {
      io(() -> out.writeBoolean(value != null));
      return value != null;
    }

    @Override public void writeBoolean(boolean value) { io(() -> out.writeBoolean(value)); }
    @Override public void writeByte(byte value) { io(() -> out.writeByte(value)); }
    @Override public void writeShort(short value) { io(() -> out.writeShort(value)); }
    @Override public void writeChar(char value) { io(() -> out.writeChar(value)); }
    @Override public void writeInt(int value) { io(() -> out.writeInt(value)); }
    @Override public void writeLong(long value) { io(() -> out.writeLong(value)); }
    @Override public void writeFloat(float value) { io(() -> out.writeFloat(value)); }
    @Override public void writeDouble(double value) { io(() -> out.writeDouble(value)); }
    @Override public void writeLength(int length) { io(() -> out.writeInt(length)); }

    @Override public void writeString(String value) {
      writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override public void writeBytes(byte[] value) {
      io(() -> {
        out.writeInt(value.length);
        out.write(value);
      });
    }

    @Override public void enterNested(String type) { depth++; }

    @Override public void exitNested() {
      if (--depth < 0) {
        throw new AssertionError("exitNested without enterNested");
      }
    }
  }

  /** Reads what {@link Output} wrote. */
  public static final class Input implements WireInput {
    private final ByteArrayInputStream bytes;
    private final DataInputStream in;

    public Input(byte[] data) {
      bytes = new ByteArrayInputStream(data);
      in = new DataInputStream(bytes);
    }

    private int depth;

    void assertFullyRead() {
      if (depth != 0) {
        throw new AssertionError(depth + " levels of nesting entered and not exited");
      }
      if (bytes.available() != 0) {
        throw new AssertionError(bytes.available() + " bytes left unread");
      }
    }

    private interface IoRead<T> {
      T read() throws IOException;
    }

    private static <T> T io(IoRead<T> read) {
      try {
        return read.read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override public boolean readNotNull() { return io(in::readBoolean); }
    @Override public boolean readBoolean() { return io(in::readBoolean); }
    @Override public byte readByte() { return io(in::readByte); }
    @Override public short readShort() { return io(in::readShort); }
    @Override public char readChar() { return io(in::readChar); }
    @Override public int readInt() { return io(in::readInt); }
    @Override public long readLong() { return io(in::readLong); }
    @Override public float readFloat() { return io(in::readFloat); }
    @Override public double readDouble() { return io(in::readDouble); }
    @Override public int readLength(int minBytesPerElement) { return io(in::readInt); }
    @Override public String readString() { return new String(readBytes(), StandardCharsets.UTF_8); }
    @Override public byte[] readBytes() { return io(() -> in.readNBytes(in.readInt())); }

    @Override public void enterNested(String type) { depth++; }

    @Override public void exitNested() {
      if (--depth < 0) {
        throw new AssertionError("exitNested without enterNested");
      }
    }
  }
}
