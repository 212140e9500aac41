package io.rpcparallel.internal.dashboard;

import io.rpcparallel.WorkerStatus;
import java.time.Duration;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.mapreduce.Jobs;
import io.rpcparallel.internal.metrics.CallMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's HTTP server: its own event loop (one thread, {@code rpc-parallel-dashboard}),
 * bound to loopback unless told otherwise, answering only requests that carry its token.
 *
 * <p>Routes, each with {@code ?token=…}: {@code /} the page, {@code /dashboard.js} and
 * {@code /dashboard.css} its script and style (from the jar), {@code /snapshot} the JSON of
 * everything shown (workers, methods, streams, jobs, logs), {@code /events} the same as server-sent events every
 * {@value #TICK_MILLIS} ms. Without the token: 403, whatever the path.
 *
 * <p>Nothing is counted or read while no event stream is open: call metrics are off, no worker's
 * log is followed, and the tick does nothing.
 */
public final class DashboardServer implements AutoCloseable {
  static final long TICK_MILLIS = 500;
  private static final int MAX_REQUEST = 8192;
  private static final AttributeKey<long[]> LAST_LOG = AttributeKey.valueOf("rpc-parallel-dashboard-last-log");

  private final String token;
  private final EventLoopGroup group;
  private final Channel server;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  /** The open event streams; touched on the loop only. */
  private final ChannelGroup streams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final WorkerTable workers = new WorkerTable();
  private final StreamRates streamRates = new StreamRates();
  private final LogTail logs;
  private final URI url;
  private final ScheduledFuture<?> ticker;
  private boolean watched;

  private DashboardServer(String address, int port) {
    CallMetrics.reset(); // what an earlier dashboard of this process counted is not this one's
    byte[] t = new byte[24];
    new SecureRandom().nextBytes(t);
    token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rpc-parallel-dashboard", true),
        NioIoHandler.newFactory());
    logs = new LogTail(task -> RunContext.transportIfMade().ifPresent(tr -> tr.executor().execute(task)));
    try {
      server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(MAX_REQUEST),
                  new Handler());
            }
          })
          .bind(address, port).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw new UncheckedIOException(new IOException("the dashboard could not listen on " + address + ":" + port
          + ": " + e.getMessage(), e));
    }
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? RunContext.hostName() : bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    url = URI.create("http://" + host + ":" + bound.getPort() + "/?token=" + token);
    ticker = group.next().scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** This process's dashboard, if one runs. */
  private static DashboardServer current;

  /**
   * This process's dashboard: the one running, else a new one listening on {@code address} and
   * {@code port} (0: any free one), whose address is printed on stderr.
   *
   * @throws UncheckedIOException if it cannot listen there
   */
  public static synchronized DashboardServer startOrGet(String address, int port) {
    if (current == null) {
      DashboardSettings.starting();
      current = new DashboardServer(address, port);
      System.err.println("rpc-parallel dashboard: " + current.url);
    }
    return current;
  }

  /** {@return this process's dashboard, if one runs} */
  public static synchronized java.util.Optional<DashboardServer> running() {
    return java.util.Optional.ofNullable(current);
  }

  /** Closes this process's dashboard, if one runs; the next spawn looks at the settings again. */
  public static void stopCurrent() {
    DashboardServer d;
    synchronized (DashboardServer.class) {
      d = current;
    }
    DashboardSettings.recheck();
    if (d != null) {
      d.close();
    }
  }

  /** {@return the page's address, with its token} */
  public URI url() {
    return url;
  }

  /** {@return the address and port listened on} */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Stops listening, closes every open page's connection, stops following logs and counting calls. */
  @Override
  public void close() {
    synchronized (DashboardServer.class) {
      if (current == this) {
        current = null;
      }
    }
    ticker.cancel(false);
    server.close().syncUninterruptibly();
    channels.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    CallMetrics.enable(false);
    logs.stop();
  }

  /** Every tick: nothing unless a page is open; else one event to each open page. */
  private void tick() {
    if (streams.isEmpty()) {
      if (watched) {
        watched = false;
        CallMetrics.enable(false);
        logs.stop();
        streamRates.forget();
      }
      return;
    }
    if (!watched) {
      watched = true;
      CallMetrics.enable(true);
    }
    logs.follow();
    String shared = sharedJson();
    List<LogTail.Line> lines = logs.lines();
    for (Channel ch : streams) {
      // A page that does not keep up misses events rather than piling them up here.
      if (!ch.isWritable()) {
        continue;
      }
      long[] last = ch.attr(LAST_LOG).get();
      String event = "data: " + withLogs(shared, lines, last[0]) + "\n\n";
      if (!lines.isEmpty()) {
        last[0] = lines.get(lines.size() - 1).seq();
      }
      ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(event, StandardCharsets.UTF_8)));
    }
  }

  /** The snapshot, all but its logs, as the start of a JSON object (no closing brace). */
  private String sharedJson() {
    Json j = new Json().begin();
    j.field("time", System.currentTimeMillis());
    j.key("master").begin().field("pid", ProcessHandle.current().pid()).field("host", RunContext.hostName()).end();
    j.key("workers").beginArray();
    java.util.Set<String> followed = logs.followed();
    for (WorkerTable.Row r : workers.rows()) {
      WorkerStatus w = r.status();
      String how = w.how().map(h -> h.name().toLowerCase(java.util.Locale.ROOT)).orElse("connected");
      j.begin().field("id", w.id()).field("name", w.displayName()).field("interface", w.interfaceName())
          .field("how", how).field("where", w.host()).field("host", w.host());
      j.fieldOrNull("pid", w.pid().isPresent() ? w.pid().getAsLong() : null)
          .field("shutdownOn", w.shutdownOn().map(Enum::name).orElse("")).field("state", r.state())
          .fieldOrNull("exitStatus", w.exitStatus().isPresent() ? w.exitStatus().getAsInt() : null)
          .field("uptimeMillis", w.uptime().map(Duration::toMillis).orElse(0L)).field("connections", w.connections())
          .field("callsInFlight", w.callsInFlight()).field("streamsOpen", w.streamsOpen())
          .fieldOrNull("quietMillis", r.quiet().map(Duration::toMillis).orElse(null))
          .field("logFollowed", followed.contains(w.id()))
          .fieldOrNull("cpuPercent", r.cpuPercent().isPresent() ? r.cpuPercent().getAsDouble() : null)
          .fieldOrNull("rssBytes", r.rssBytes().isPresent() ? r.rssBytes().getAsLong() : null)
          .fieldOrNull("heapUsedBytes", r.heapUsed().isPresent() ? r.heapUsed().getAsLong() : null);
      j.end();
    }
    j.endArray();
    j.key("methods").beginArray();
    for (CallMetrics.MethodStats m : CallMetrics.snapshot()) {
      j.begin().field("method", m.method()).field("calls", m.calls()).field("errors", m.errors())
          .field("ratePerSecond", m.ratePerSecond()).field("p50Millis", m.p50Millis())
          .field("p90Millis", m.p90Millis()).field("p99Millis", m.p99Millis()).field("maxMillis", m.maxMillis());
      j.key("perSecond").beginArray();
      for (long n : m.perSecond()) {
        j.value(n);
      }
      j.endArray().end();
    }
    j.endArray();
    j.key("streams").beginArray();
    for (StreamRates.Row s : streamRates.rows()) {
      j.begin().field("workerId", s.workerId()).field("worker", s.worker()).field("id", s.id())
          .field("direction", s.inbound() ? "in" : "out").field("method", s.method()).field("builtin", s.builtin())
          .field("items", s.items()).field("bytes", s.bytes()).field("itemsPerSecond", s.itemsPerSecond())
          .field("bytesPerSecond", s.bytesPerSecond()).field("openMillis", s.openMillis()).end();
    }
    j.endArray();
    j.key("jobs").beginArray();
    for (Jobs.View v : Jobs.all()) {
      j.begin().field("id", v.id()).field("started", v.started().toEpochMilli())
          .field("done", v.progress().done());
      j.fieldOrNull("total", v.progress().total().isPresent() ? v.progress().total().getAsLong() : null);
      j.field("failed", v.progress().failed()).field("retried", v.progress().retried())
          .field("workers", v.progress().workers()).field("elapsedMillis", v.progress().elapsed().toMillis())
          .field("throughput", v.progress().throughput()).field("ended", v.ended())
          .field("error", v.error().orElse(null));
      j.key("failedInputs").beginArray();
      v.failedInputs().forEach(j::value);
      j.endArray().end();
    }
    j.endArray();
    return j.toString(); // still open: withLogs adds the logs and the closing brace
  }

  /** The full snapshot: {@code shared} with the log lines numbered after {@code after}. */
  private static String withLogs(String shared, List<LogTail.Line> lines, long after) {
    Json j = new Json();
    j.beginArray();
    for (LogTail.Line l : lines) {
      if (l.seq() <= after) {
        continue;
      }
      j.begin().field("seq", l.seq()).field("workerId", l.workerId()).field("worker", l.worker())
          .field("time", l.record().time().toEpochMilli()).field("level", l.record().level().name())
          .field("logger", l.record().logger()).field("thread", l.record().thread())
          .field("message", l.record().message()).field("throwable", l.record().throwable().orElse(null)).end();
    }
    j.endArray();
    return shared + ",\"logs\":" + j + "}";
  }

  private boolean authorised(QueryStringDecoder query) {
    List<String> given = query.parameters().get("token");
    if (given == null || given.size() != 1) {
      return false;
    }
    return MessageDigest.isEqual(given.get(0).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      if (streams.contains(ctx.channel())) {
        return; // the connection carries an event stream now: nothing else is answered on it
      }
      if (!req.decoderResult().isSuccess()) {
        respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain", text("bad request\n"), false);
        return;
      }
      QueryStringDecoder query = new QueryStringDecoder(req.uri());
      if (!authorised(query)) {
        respond(ctx, req, HttpResponseStatus.FORBIDDEN, "text/plain", text("forbidden: this dashboard's address"
            + " carries a token; use the address it printed\n"), false);
        return;
      }
      if (!req.method().equals(HttpMethod.GET)) {
        respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", text("GET only\n"), false);
        return;
      }
      switch (query.path()) {
        case "/" -> respond(ctx, req, HttpResponseStatus.OK, "text/html; charset=utf-8",
            text(resource("index.html").replace("__TOKEN__", token)), true);
        case "/dashboard.js" -> respond(ctx, req, HttpResponseStatus.OK, "text/javascript; charset=utf-8",
            text(resource("dashboard.js")), true);
        case "/dashboard.css" -> respond(ctx, req, HttpResponseStatus.OK, "text/css; charset=utf-8",
            text(resource("dashboard.css")), true);
        case "/snapshot" -> respond(ctx, req, HttpResponseStatus.OK, "application/json",
            text(withLogs(sharedJson(), logs.lines(), 0)), true);
        case "/events" -> openStream(ctx);
        default -> respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", text("not found\n"), true);
      }
    }

    private void openStream(ChannelHandlerContext ctx) {
      HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      headers(res);
      HttpUtil.setTransferEncodingChunked(res, true);
      ctx.writeAndFlush(res);
      ctx.channel().attr(LAST_LOG).set(new long[] {0});
      streams.add(ctx.channel());
      // The first event at once, not a tick later.
      ctx.channel().eventLoop().execute(DashboardServer.this::tick);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static void headers(HttpResponse res) {
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    res.headers().set("X-Content-Type-Options", "nosniff");
    // The token is in the address: never send it on to another site.
    res.headers().set("Referrer-Policy", "no-referrer");
    res.headers().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
      String type, ByteBuf body, boolean keepAlive) {
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    headers(res);
    HttpUtil.setContentLength(res, body.readableBytes());
    boolean keep = keepAlive && HttpUtil.isKeepAlive(req);
    if (!keep) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var f = ctx.writeAndFlush(res);
    if (!keep) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static final Map<String, String> RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

  private static String resource(String name) {
    return RESOURCES.computeIfAbsent(name, n -> {
      try (InputStream in = DashboardServer.class.getResourceAsStream(n)) {
        if (in == null) {
          throw new IllegalStateException("the dashboard's " + n + " is missing from the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The loopback address. */
  public static String loopback() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }
}
