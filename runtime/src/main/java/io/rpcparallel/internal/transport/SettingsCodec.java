package io.rpcparallel.internal.transport;

import io.rpcparallel.RpcSettings;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.time.Duration;

/** Settings on the wire: in the built-in settings call and in a worker's configuration. */
public final class SettingsCodec {
  private SettingsCodec() {}

  public static void encode(WireOutput out, RpcSettings s) {
    out.writeInt(s.maxMessageSize());
    out.writeLong(s.handshakeTimeout().toNanos());
    out.writeLong(s.heartbeatInterval().toNanos());
    out.writeLong(s.heartbeatTimeout().toNanos());
    out.writeLong(s.writeBufferAgeLimit().toNanos());
    out.writeInt(s.maxCallsInFlight());
    out.writeInt(s.maxThreads());
    out.writeLong(s.shutdownGrace().toNanos());
    out.writeString(s.listenAddress());
    out.writeString(s.advertiseAddress());
    out.writeByte((byte) s.transportSecurity().ordinal());
    out.writeBoolean(s.allowInsecureRemote());
  }

  public static RpcSettings decode(WireInput in) {
    return new RpcSettings(in.readInt(), Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong()),
        Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong()), in.readInt(), in.readInt(),
        Duration.ofNanos(in.readLong()), in.readString(), in.readString(), security(in.readByte()), in.readBoolean());
  }

  private static RpcSettings.TransportSecurity security(byte ordinal) {
    RpcSettings.TransportSecurity[] all = RpcSettings.TransportSecurity.values();
    if (ordinal < 0 || ordinal >= all.length) {
      throw new io.rpcparallel.WireFormatException("bad transport security " + ordinal);
    }
    return all[ordinal];
  }
}
