package io.rpcparallel.internal.stream;

import io.rpcparallel.Codec;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.gen.StreamCall;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/** The worker end of one streaming call. */
public final class ServerStreamCall implements StreamCall {
  private final StreamTable table;
  private final long id;
  private final Responder responder;

  public ServerStreamCall(StreamTable table, long id, Responder responder) {
    this.table = table;
    this.id = id;
    this.responder = responder;
  }

  @Override
  public <T> void pipe(Flow.Publisher<T> items, Codec<T> item) {
    if (items == null) {
      responder.fail(new NullPointerException("the worker method returned a null Flow.Publisher"));
      return;
    }
    OutboundStream<T> out = table.openOutbound(id, item, true);
    responder.reply(o -> {});
    Pump.start(items, out);
  }

  @Override
  public <T> void directPipe(Codec<T> item, Body<StreamWriter<T>, ?> body) {
    OutboundStream<T> out = table.openOutbound(id, item, true);
    try {
      body.apply(out);
    } catch (Throwable t) {
      responder.fail(t);
      return;
    }
    responder.reply(o -> {});
  }

  @Override
  public <U, R> void reversePipe(Codec<U> item, Body<Flow.Publisher<U>, R> body, BiConsumer<WireOutput, R> result) {
    InboundStream<U> in = table.openInbound(id, item, true);
    R value;
    try {
      value = body.apply(new InboundPublisher<U>(in::attach));
    } catch (Throwable t) {
      cancelIfUnread(in);
      responder.fail(t);
      return;
    }
    cancelIfUnread(in);
    responder.reply(out -> result.accept(out, value));
  }

  private static void cancelIfUnread(InboundStream<?> in) {
    if (!in.attached()) {
      in.cancel();
    }
  }

  @Override
  public <U> void reverseDirectPipe(StreamWriter<U> sink, Codec<U> item) {
    if (sink == null) {
      responder.fail(new NullPointerException("the worker method returned a null StreamWriter"));
      return;
    }
    InboundStream<U> in = table.openInbound(id, item, true);
    responder.reply(o -> {});
    in.attach(sink);
  }

  @Override
  public <S, U> void state(StateStream<S, U> state, BiConsumer<WireOutput, S> initial, Codec<U> update) {
    if (state == null) {
      responder.fail(new NullPointerException("the worker method returned a null StateStream"));
      return;
    }
    OutboundStream<U> out = table.openOutbound(id, update, true);
    responder.reply(o -> initial.accept(o, state.initial()));
    Pump.start(state.updates(), out);
  }
}
