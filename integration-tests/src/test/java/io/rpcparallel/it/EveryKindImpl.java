package io.rpcparallel.it;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.it.shapes.Shape;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The implementation of {@link EveryKind}. Every method is one line: the helpers know the
 * method's shape from its name, which they find on the stack.
 */
public class EveryKindImpl implements EveryKind {
  private static final Set<String> METHODS = Arrays.stream(EveryKind.class.getMethods())
      .map(Method::getName).collect(Collectors.toUnmodifiableSet());

  private final Map<String, BlockingQueue<String>> reports = new ConcurrentHashMap<>();

  @Override public String received(String method) {
    try {
      String next = queue(method).poll(60, TimeUnit.SECONDS);
      if (next == null) {
        throw new IllegalStateException("no call of " + method + " finished within 60 s");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override public long callPrimitive(long a) {
    return echo(a);
  }

  @Override public Long callBoxed(Long a) {
    return echo(a);
  }

  @Override public void callVoid() {
    record();
  }

  @Override public Item callRecord(Item a) {
    return echo(a);
  }

  @Override public Shape callSealed(Shape a) {
    return echo(a);
  }

  @Override public List<String> callCollection(List<String> a) {
    return echo(a);
  }

  @Override public long[] callArray(long[] a) {
    return echo(a);
  }

  @Override public Optional<String> callOptional(Optional<String> a) {
    return echo(a);
  }

  @Override public CompletableFuture<Long> asyncPrimitive(long a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<Long> asyncBoxed(Long a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<Void> asyncVoid() {
    record();
    return CompletableFuture.completedFuture(null);
  }

  @Override public CompletableFuture<Item> asyncRecord(Item a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<Shape> asyncSealed(Shape a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<List<String>> asyncCollection(List<String> a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<long[]> asyncArray(long[] a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public CompletableFuture<Optional<String>> asyncOptional(Optional<String> a) {
    return CompletableFuture.completedFuture(echo(a));
  }

  @Override public void onewayPrimitive(long a) {
    record(a);
  }

  @Override public void onewayBoxed(Long a) {
    record(a);
  }

  @Override public void onewayVoid() {
    record();
  }

  @Override public void onewayRecord(Item a) {
    record(a);
  }

  @Override public void onewaySealed(Shape a) {
    record(a);
  }

  @Override public void onewayCollection(List<String> a) {
    record(a);
  }

  @Override public void onewayArray(long[] a) {
    record(a);
  }

  @Override public void onewayOptional(Optional<String> a) {
    record(a);
  }

  @Override public Flow.Publisher<Long> pipePrimitive(long a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<Long> pipeBoxed(Long a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<Long> pipeVoid() {
    return pipe();
  }

  @Override public Flow.Publisher<Item> pipeRecord(Item a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<Shape> pipeSealed(Shape a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<List<String>> pipeCollection(List<String> a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<long[]> pipeArray(long[] a) {
    return pipe(a);
  }

  @Override public Flow.Publisher<Optional<String>> pipeOptional(Optional<String> a) {
    return pipe(a);
  }

  @Override public void directPipePrimitive(long a, StreamWriter<Long> out) {
    directPipe(out, a);
  }

  @Override public void directPipeBoxed(Long a, StreamWriter<Long> out) {
    directPipe(out, a);
  }

  @Override public void directPipeVoid(StreamWriter<Long> out) {
    directPipe(out);
  }

  @Override public void directPipeRecord(Item a, StreamWriter<Item> out) {
    directPipe(out, a);
  }

  @Override public void directPipeSealed(Shape a, StreamWriter<Shape> out) {
    directPipe(out, a);
  }

  @Override public void directPipeCollection(List<String> a, StreamWriter<List<String>> out) {
    directPipe(out, a);
  }

  @Override public void directPipeArray(long[] a, StreamWriter<long[]> out) {
    directPipe(out, a);
  }

  @Override public void directPipeOptional(Optional<String> a, StreamWriter<Optional<String>> out) {
    directPipe(out, a);
  }

  @Override public long reversePipePrimitive(long a, Flow.Publisher<Long> in) {
    return reversePipe(in, a);
  }

  @Override public Long reversePipeBoxed(Long a, Flow.Publisher<Long> in) {
    return reversePipe(in, a);
  }

  @Override public void reversePipeVoid(Flow.Publisher<Long> in) {
    reversePipe(in);
  }

  @Override public Item reversePipeRecord(Item a, Flow.Publisher<Item> in) {
    return reversePipe(in, a);
  }

  @Override public Shape reversePipeSealed(Shape a, Flow.Publisher<Shape> in) {
    return reversePipe(in, a);
  }

  @Override public List<String> reversePipeCollection(List<String> a, Flow.Publisher<List<String>> in) {
    return reversePipe(in, a);
  }

  @Override public long[] reversePipeArray(long[] a, Flow.Publisher<long[]> in) {
    return reversePipe(in, a);
  }

  @Override public Optional<String> reversePipeOptional(Optional<String> a, Flow.Publisher<Optional<String>> in) {
    return reversePipe(in, a);
  }

  @Override public StreamWriter<Long> reverseDirectPipePrimitive(long a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<Long> reverseDirectPipeBoxed(Long a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<Long> reverseDirectPipeVoid() {
    return reverseDirectPipe();
  }

  @Override public StreamWriter<Item> reverseDirectPipeRecord(Item a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<Shape> reverseDirectPipeSealed(Shape a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<List<String>> reverseDirectPipeCollection(List<String> a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<long[]> reverseDirectPipeArray(long[] a) {
    return reverseDirectPipe(a);
  }

  @Override public StreamWriter<Optional<String>> reverseDirectPipeOptional(Optional<String> a) {
    return reverseDirectPipe(a);
  }

  @Override public StateStream<Long, Long> statePrimitive(long a) {
    return state(a);
  }

  @Override public StateStream<Long, Long> stateBoxed(Long a) {
    return state(a);
  }

  @Override public StateStream<Long, Long> stateVoid() {
    return state();
  }

  @Override public StateStream<Item, Item> stateRecord(Item a) {
    return state(a);
  }

  @Override public StateStream<Shape, Shape> stateSealed(Shape a) {
    return state(a);
  }

  @Override public StateStream<List<String>, List<String>> stateCollection(List<String> a) {
    return state(a);
  }

  @Override public StateStream<long[], long[]> stateArray(long[] a) {
    return state(a);
  }

  @Override public StateStream<Optional<String>, Optional<String>> stateOptional(Optional<String> a) {
    return state(a);
  }

  private BlockingQueue<String> queue(String method) {
    return reports.computeIfAbsent(method, m -> new LinkedBlockingQueue<>());
  }

  /** The {@link EveryKind} method running on this thread. */
  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getMethodName).filter(METHODS::contains).findFirst())
        .orElseThrow();
  }

  private void report(String method, List<Object> arguments, List<?> items) {
    queue(method).add(ValueShape.describe(arguments, items));
  }

  private void record(Object... arguments) {
    report(caller(), Arrays.asList(arguments), null);
  }

  private <T> T echo(T a) {
    record(a);
    return a;
  }

  private <T> Flow.Publisher<T> pipe(Object... arguments) {
    record(arguments);
    return ValueShape.ofMethod(caller()).publishItems();
  }

  @SuppressWarnings("unchecked")
  private <T> void directPipe(StreamWriter<T> out, Object... arguments) {
    record(arguments);
    for (Object item : ValueShape.ofMethod(caller()).items) {
      out.write((T) item);
    }
    out.close();
  }

  @SuppressWarnings("unchecked")
  private <T> T reversePipe(Flow.Publisher<?> in, Object... arguments) {
    Collector<Object> items = Collector.eager();
    in.subscribe(items);
    try {
      report(caller(), Arrays.asList(arguments), items.awaitAll());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return (T) ValueShape.answer(Arrays.asList(arguments));
  }

  private <T> StreamWriter<T> reverseDirectPipe(Object... arguments) {
    String method = caller();
    Collector<T> items = Collector.eager();
    items.done.thenRun(() -> report(method, Arrays.asList(arguments), items.items));
    return StreamWriter.to(items);
  }

  @SuppressWarnings("unchecked")
  private <S, T> StateStream<S, T> state(Object... arguments) {
    record(arguments);
    return new StateStream<>((S) ValueShape.answer(Arrays.asList(arguments)), 
        ValueShape.ofMethod(caller()).publishItems());
  }
}
