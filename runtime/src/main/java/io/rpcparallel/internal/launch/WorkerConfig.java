package io.rpcparallel.internal.launch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.Redirect;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.transport.SettingsCodec;
import io.rpcparallel.internal.transport.WorkerTls;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a worker is told at spawn, sent on its stdin (never its command line, where other
 * users of the machine could read the secret).
 *
 * @param masterHost where the spawning process's master server listens
 * @param masterPort its port
 * @param workerId the worker's id
 * @param secret the run's secret
 * @param typeHolder the generated class holding the worker type
 * @param implClass the implementation class
 * @param init the encoded init argument
 * @param settings the master's effective settings
 * @param shutdownOn when the worker ends by itself
 * @param name the worker's name, if any
 * @param connectionTimeout how long to wait for the first client in connection-closed mode
 * @param stdout where stdout goes once started
 * @param stderr where stderr goes once started
 * @param cd the working directory (already set by the spawner; kept for relative paths)
 * @param masterCandidates where else to try to reach the master, in order, when {@code masterHost}
 *     is empty (a remote worker finding its way back)
 * @param workerAddress the address the worker listens on and registers; empty to choose by
 *     {@code addressSource}
 * @param addressSource how a worker without an address chooses one: {@link #LOOPBACK}, {@link #SSH}
 *     (the address its ssh session was reached at) or {@link #ROUTE} (the address it reaches the
 *     master from)
 * @param tls whether its server and its connection to the master use TLS, and its credentials
 */
public record WorkerConfig(String masterHost, int masterPort, String workerId, byte[] secret,
    String typeHolder, String implClass, byte[] init, RpcSettings settings, ShutdownOn shutdownOn,
    Optional<String> name, Duration connectionTimeout, Redirect stdout, Redirect stderr, Path cd,
    List<String> masterCandidates, String workerAddress, String addressSource, WorkerTls tls) {

  /** A local worker: loopback. */
  public static final String LOOPBACK = "loopback";
  /** An ssh worker: the server address of {@code SSH_CONNECTION}, else as {@link #ROUTE}. */
  public static final String SSH = "ssh";
  /** The local address of the worker's connection to its master. */
  public static final String ROUTE = "route";

  public WorkerConfig {
    masterCandidates = List.copyOf(masterCandidates);
  }

  private static final int MAGIC = 0x52504343; // "RPCC"
  private static final int MAX_CONFIG = 256 << 20;

  public String displayName() {
    return name.orElse(workerId);
  }

  /** Writes the config, length first, and flushes. */
  public void writeTo(OutputStream stream) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      ByteBufWireOutput out = new ByteBufWireOutput(buf);
      out.writeString(masterHost);
      out.writeInt(masterPort);
      out.writeString(workerId);
      out.writeBytes(secret);
      out.writeString(typeHolder);
      out.writeString(implClass);
      out.writeBytes(init);
      SettingsCodec.encode(out, settings);
      out.writeLength(shutdownOn.ordinal());
      if (out.writeNotNull(name.orElse(null))) {
        out.writeString(name.get());
      }
      out.writeLong(connectionTimeout.toNanos());
      writeRedirect(out, stdout);
      writeRedirect(out, stderr);
      out.writeString(cd.toString());
      out.writeLength(masterCandidates.size());
      masterCandidates.forEach(out::writeString);
      out.writeString(workerAddress);
      out.writeString(addressSource);
      tls.encode(out);
      DataOutputStream data = new DataOutputStream(stream);
      data.writeInt(MAGIC);
      data.writeInt(buf.readableBytes());
      buf.readBytes(data, buf.readableBytes());
      data.flush();
    } finally {
      buf.release();
    }
  }

  /** Reads a config written by {@link #writeTo}. */
  public static WorkerConfig readFrom(InputStream stream) throws IOException {
    DataInputStream data = new DataInputStream(stream);
    if (data.readInt() != MAGIC) {
      throw new IOException("stdin does not hold an rpc-parallel worker configuration");
    }
    int len = data.readInt();
    if (len < 0 || len > MAX_CONFIG) {
      throw new IOException("bad worker configuration length " + len);
    }
    byte[] bytes = new byte[len];
    data.readFully(bytes);
    ByteBufWireInput in = new ByteBufWireInput(Unpooled.wrappedBuffer(bytes));
    try {
      return new WorkerConfig(in.readString(), in.readInt(), in.readString(), in.readBytes(), in.readString(),
          in.readString(), in.readBytes(), SettingsCodec.decode(in), ShutdownOn.values()[in.readLength(0)],
          in.readNotNull() ? Optional.of(in.readString()) : Optional.empty(), Duration.ofNanos(in.readLong()),
          readRedirect(in), readRedirect(in), Path.of(in.readString()), readList(in), in.readString(), in.readString(), WorkerTls.decode(in));
    } catch (WireFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("corrupt worker configuration: " + e.getMessage(), e);
    }
  }

  private static List<String> readList(ByteBufWireInput in) {
    int n = in.readLength(1);
    List<String> l = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(in.readString());
    }
    return l;
  }

  private static void writeRedirect(ByteBufWireOutput out, Redirect r) {
    if (r instanceof Redirect.ToFile f) {
      out.writeByte((byte) (f.append() ? 3 : 4));
      out.writeString(f.file().toString());
    } else if (r instanceof Redirect.Discard) {
      out.writeByte((byte) 0);
    } else if (r instanceof Redirect.Inherit) {
      out.writeByte((byte) 1);
    } else {
      out.writeByte((byte) 2);
    }
  }

  private static Redirect readRedirect(ByteBufWireInput in) {
    byte kind = in.readByte();
    return switch (kind) {
      case 0 -> Redirect.discard();
      case 1 -> Redirect.inherit();
      case 2 -> Redirect.pipe();
      case 3 -> Redirect.appendTo(Path.of(in.readString()));
      case 4 -> Redirect.truncate(Path.of(in.readString()));
      default -> throw new WireFormatException("bad redirect kind " + kind);
    };
  }
}
