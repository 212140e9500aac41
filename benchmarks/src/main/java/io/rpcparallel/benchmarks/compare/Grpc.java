package io.rpcparallel.benchmarks.compare;

import io.grpc.CallOptions;
import io.grpc.InsecureServerCredentials;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.grpc.InsecureChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC-java peer: byte[] messages through a {@link MethodDescriptor.Marshaller}, no protoc.
 * One server JVM hosts two servers, one with gRPC's defaults and one with its direct executor.
 */
final class Grpc {
  private Grpc() {}

  /** Passes byte arrays through untouched; known-length so that gRPC frames them without a copy to measure. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override public InputStream stream(byte[] value) {
      return new KnownLengthStream(value);
    }

    @Override public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.newBuilder(BYTES, BYTES)
      .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bench/echo").build();

  /** The request is the item size (int) and count (long). */
  static final MethodDescriptor<byte[], byte[]> ITEMS = MethodDescriptor.newBuilder(BYTES, BYTES)
      .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("bench/items").build();

  private static final class KnownLengthStream extends ByteArrayInputStream implements KnownLength {
    KnownLengthStream(byte[] bytes) {
      super(bytes);
    }
  }

  /** Server JVM main: prints "defaultPort directPort" and serves until stdin closes. */
  static void serve() throws Exception {
    Server plain = io.grpc.Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(service()).build().start();
    Server direct = io.grpc.Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .directExecutor().addService(service()).build().start();
    System.out.println(plain.getPort() + " " + direct.getPort());
    System.out.flush();
    Peers.awaitStdinEof();
    plain.shutdownNow();
    direct.shutdownNow();
  }

  private static ServerServiceDefinition service() {
    return ServerServiceDefinition.builder("bench")
        .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, out) -> {
          out.onNext(request);
          out.onCompleted();
        }))
        .addMethod(ITEMS, ServerCalls.asyncServerStreamingCall(Grpc::items))
        .build();
  }

  /** Writes only while the transport is ready: gRPC's own backpressure. */
  private static void items(byte[] request, StreamObserver<byte[]> observer) {
    ServerCallStreamObserver<byte[]> out = (ServerCallStreamObserver<byte[]>) observer;
    ByteBuffer spec = ByteBuffer.wrap(request);
    byte[] item = new byte[spec.getInt()];
    long count = spec.getLong();
    long[] sent = {0};
    Runnable pump = () -> {
      while (sent[0] < count && out.isReady()) {
        out.onNext(item);
        sent[0]++;
      }
      if (sent[0] == count) {
        sent[0]++;
        out.onCompleted();
      }
    };
    out.setOnReadyHandler(pump);
    // The method runs on the call's serializing executor, like the handler: no race.
    pump.run();
  }

  static ManagedChannel channel(int port, boolean directExecutor) {
    var builder = io.grpc.Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create());
    if (directExecutor) {
      builder.directExecutor();
    }
    return builder.build();
  }

  static byte[] echo(ManagedChannel channel, byte[] payload) {
    return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, payload);
  }

  static void echoAsync(ManagedChannel channel, byte[] payload, Runnable done) {
    ClientCalls.asyncUnaryCall(channel.newCall(ECHO, CallOptions.DEFAULT), payload, new StreamObserver<>() {
      @Override public void onNext(byte[] value) {}

      @Override public void onError(Throwable t) {
        done.run();
      }

      @Override public void onCompleted() {
        done.run();
      }
    });
  }

  /** Receives {@code count} items of {@code size} bytes; returns the bytes received. */
  static long items(ManagedChannel channel, int size, long count) throws Exception {
    long[] bytes = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    byte[] request = ByteBuffer.allocate(12).putInt(size).putLong(count).array();
    ClientCalls.asyncServerStreamingCall(channel.newCall(ITEMS, CallOptions.DEFAULT), request, new StreamObserver<>() {
      @Override public void onNext(byte[] value) {
        bytes[0] += value.length;
      }

      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override public void onCompleted() {
        done.complete(null);
      }
    });
    done.get(10, TimeUnit.MINUTES);
    return bytes[0];
  }
}
