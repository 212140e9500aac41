package io.rpcparallel.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.rpcparallel.WireOutput;
import java.nio.ByteBuffer;

/** A {@link WireOutput} over a Netty buffer. */
public final class ByteBufWireOutput implements WireOutput {
  private final ByteBuf buf;
  private int depth;

  public ByteBufWireOutput(ByteBuf buf) {
    this.buf = buf;
  }

  public ByteBuf buffer() {
    return buf;
  }

  @Override public boolean writeNotNull(Object value) {
    buf.writeByte(value == null ? 0 : 1);
    return value != null;
  }

  @Override public void writeBoolean(boolean value) {
    buf.writeBoolean(value);
  }

  @Override public void writeByte(byte value) {
    buf.writeByte(value);
  }

  @Override public void writeShort(short value) {
    buf.writeShort(value);
  }

  @Override public void writeChar(char value) {
    buf.writeChar(value);
  }

  @Override public void writeInt(int value) {
    buf.writeInt(value);
  }

  @Override public void writeLong(long value) {
    buf.writeLong(value);
  }

  @Override public void writeFloat(float value) {
    buf.writeFloat(value);
  }

  @Override public void writeDouble(double value) {
    buf.writeDouble(value);
  }

  @Override public void writeLength(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    int v = length;
    while ((v & ~0x7F) != 0) {
      buf.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf.writeByte(v);
  }

  @Override public void writeString(String value) {
    int len = ByteBufUtil.utf8Bytes(value);
    writeLength(len);
    ByteBufUtil.reserveAndWriteUtf8(buf, value, len);
  }

  @Override public void writeBytes(byte[] value) {
    writeLength(value.length);
    buf.writeBytes(value);
  }

  @Override public void writeByteBuffer(ByteBuffer value) {
    writeLength(value.remaining());
    buf.writeBytes(value.duplicate()); // one copy, into the frame; the caller's position stays
  }

  @Override public void enterNested(String type) {
    depth = Nesting.enterWriting(depth, type);
  }


  @Override public void exitNested() {
    depth = Nesting.exit(depth);
  }
}
