package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.rpcparallel.TlsMaterial;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The server and client TLS contexts of one process: TLS 1.3 only, each end presents its
 * certificate and requires the other's, and trust is the run's CA (or the program's trust
 * managers) with no host name check. The provider is OpenSSL (BoringSSL) when
 * {@code netty-tcnative-boringssl-static} is on the class path, else the JDK's; the system
 * property {@value #PROVIDER_PROPERTY} ({@code jdk} or {@code openssl}) chooses.
 *
 * @param server what servers of this process use
 * @param client what connections this process opens use
 */
public record TlsContexts(SslContext server, SslContext client) {
  /** Chooses the TLS provider: {@code jdk} or {@code openssl}; unset, OpenSSL when available. */
  public static final String PROVIDER_PROPERTY = "rpcparallel.tls.provider";
  private static final String TLS_1_3 = "TLSv1.3";

  /** Contexts from credentials of the run's CA. */
  public static TlsContexts of(TlsCredentials c) {
    try {
      SslProvider p = provider();
      return new TlsContexts(
          SslContextBuilder.forServer(c.key(), c.cert()).trustManager(c.ca()).clientAuth(ClientAuth.REQUIRE)
              .protocols(TLS_1_3).sslProvider(p).build(),
          SslContextBuilder.forClient().keyManager(c.key(), c.cert()).trustManager(c.ca())
              .endpointIdentificationAlgorithm(null).protocols(TLS_1_3).sslProvider(p).build());
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up TLS: " + e.getMessage(), e);
    }
  }

  /** Contexts from the program's own PKI. */
  public static TlsContexts of(TlsMaterial m) {
    try {
      SslProvider p = provider();
      return new TlsContexts(
          SslContextBuilder.forServer(m.keyManagers()).trustManager(m.trustManagers()).clientAuth(ClientAuth.REQUIRE)
              .protocols(TLS_1_3).sslProvider(p).build(),
          SslContextBuilder.forClient().keyManager(m.keyManagers()).trustManager(m.trustManagers())
              .endpointIdentificationAlgorithm(null).protocols(TLS_1_3).sslProvider(p).build());
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up TLS with the program's TlsMaterial: " + e.getMessage(), e);
    }
  }

  /** The provider: as {@value #PROVIDER_PROPERTY} says, else OpenSSL if tcnative is on the class path, else the JDK. */
  public static SslProvider provider() {
    String chosen = System.getProperty(PROVIDER_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    return switch (chosen) {
      case "jdk" -> SslProvider.JDK;
      case "openssl" -> {
        if (!OpenSsl.isAvailable()) {
          throw new IllegalStateException(PROVIDER_PROPERTY + "=openssl, but OpenSSL is not available: put"
              + " io.netty:netty-tcnative-boringssl-static on the class path");
        }
        yield SslProvider.OPENSSL;
      }
      case "" -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
      default -> throw new IllegalStateException(PROVIDER_PROPERTY + " must be jdk or openssl, got '" + chosen + "'");
    };
  }

  // Typed as ChannelHandler so that plain connections' code never makes the verifier load SslHandler.

  /** A server-side handler for one accepted connection. */
  ChannelHandler serverHandler(Channel ch, Duration handshakeTimeout) {
    SslHandler h = server.newHandler(useAllocatorFor(server, ch));
    h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return h;
  }

  /** A client-side handler for one connection. */
  ChannelHandler clientHandler(Channel ch, Duration handshakeTimeout) {
    SslHandler h = client.newHandler(useAllocatorFor(client, ch));
    h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return h;
  }

  /**
   * Sets the allocator of TLS connection {@code ch} for {@code context}'s engine, and returns it:
   * the transport's stays, except on OpenSSL, whose engine reads and writes only native memory:
   * there the channel is switched to Netty's pooled allocator, since a fresh unpooled direct buffer
   * for every record (and a copy of every heap frame into one) made OpenSSL slower than the JDK's
   * provider (benchmarks/run, comparison 9).
   */
  private static ByteBufAllocator useAllocatorFor(SslContext context, Channel ch) {
    if (context instanceof ReferenceCountedOpenSslContext) {
      ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    }
    return ch.alloc();
  }
}
