package io.rpcparallel.internal.transport;

import io.rpcparallel.RpcSettings;
import io.rpcparallel.WireFormatException;
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
    int maxMessageSize = in.readInt();
    Duration handshakeTimeout = Duration.ofNanos(in.readLong());
    Duration heartbeatInterval = Duration.ofNanos(in.readLong());
    Duration heartbeatTimeout = Duration.ofNanos(in.readLong());
    Duration writeBufferAgeLimit = Duration.ofNanos(in.readLong());
    int maxCallsInFlight = in.readInt();
    int maxThreads = in.readInt();
    Duration shutdownGrace = Duration.ofNanos(in.readLong());
    String listenAddress = in.readString();
    String advertiseAddress = in.readString();
    RpcSettings.TransportSecurity security = security(in.readByte());
    boolean allowInsecureRemote = in.readBoolean();
    try {
      return new RpcSettings(maxMessageSize, handshakeTimeout, heartbeatInterval, heartbeatTimeout,
          writeBufferAgeLimit, maxCallsInFlight, maxThreads, shutdownGrace, listenAddress, advertiseAddress, security,
          allowInsecureRemote);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("bad settings: " + e.getMessage());
    }
  }

  private static RpcSettings.TransportSecurity security(byte ordinal) {
    RpcSettings.TransportSecurity[] all = RpcSettings.TransportSecurity.values();
    if (ordinal < 0 || ordinal >= all.length) {
      throw new WireFormatException("bad transport security " + ordinal);
    }
    return all[ordinal];
  }
}
