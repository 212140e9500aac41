package io.rpcparallel.internal.wire;

import io.netty.buffer.ByteBufUtil;
import io.rpcparallel.WireOutput;
import java.nio.ByteBuffer;

/**
 * A {@link WireOutput} that writes nothing and counts the bytes it would have written: how the
 * runtime tells a user how large a value that did not fit in a frame was, without holding it.
 */
public final class CountingWireOutput implements WireOutput {
  private long count;
  private int depth;

  /** The bytes written so far. */
  public long count() {
    return count;
  }

  @Override public boolean writeNotNull(Object value) {
    count++;
    return value != null;
  }

  @Override public void writeBoolean(boolean value) {
    count++;
  }

  @Override public void writeByte(byte value) {
    count++;
  }

  @Override public void writeShort(short value) {
    count += 2;
  }

  @Override public void writeChar(char value) {
    count += 2;
  }

  @Override public void writeInt(int value) {
    count += 4;
  }

  @Override public void writeLong(long value) {
    count += 8;
  }

  @Override public void writeFloat(float value) {
    count += 4;
  }

  @Override public void writeDouble(double value) {
    count += 8;
  }

  @Override public void writeLength(int length) {
    int v = length;
    count++;
    while ((v & ~0x7F) != 0) {
      count++;
      v >>>= 7;
    }
  }

  @Override public void writeString(String value) {
    int len = ByteBufUtil.utf8Bytes(value);
    writeLength(len);
    count += len;
  }

  @Override public void writeBytes(byte[] value) {
    writeLength(value.length);
    count += value.length;
  }

  @Override public void writeByteBuffer(ByteBuffer value) {
    writeLength(value.remaining());
    count += value.remaining();
  }

  @Override public void enterNested(String type) {
    depth = Nesting.enterWriting(depth, type);
  }


  @Override public void exitNested() {
    depth = Nesting.exit(depth);
  }
}
