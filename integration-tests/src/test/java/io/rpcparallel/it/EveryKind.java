package io.rpcparallel.it;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import io.rpcparallel.it.shapes.Shape;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A worker with one method per function kind and {@link ValueShape}, named {@code <kind><Shape>}
 * ({@code reversePipePrimitive}); {@link EveryKindIT} checks that the two tables and these
 * methods agree. Each method answers with its argument, streams the shape's items, and reports
 * what it received to {@link #received}.
 */
@RpcWorker
public interface EveryKind {
  /** The record shape. */
  record Item(long id, String name) {}

  /**
   * What the next call of {@code method} received, arguments then stream items (see
   * {@link ValueShape#describe}), waiting up to a minute for it.
   */
  String received(String method);

  long callPrimitive(long a);
  Long callBoxed(Long a);
  void callVoid();
  Item callRecord(Item a);
  Shape callSealed(Shape a);
  List<String> callCollection(List<String> a);
  long[] callArray(long[] a);
  Optional<String> callOptional(Optional<String> a);

  CompletableFuture<Long> asyncPrimitive(long a);
  CompletableFuture<Long> asyncBoxed(Long a);
  CompletableFuture<Void> asyncVoid();
  CompletableFuture<Item> asyncRecord(Item a);
  CompletableFuture<Shape> asyncSealed(Shape a);
  CompletableFuture<List<String>> asyncCollection(List<String> a);
  CompletableFuture<long[]> asyncArray(long[] a);
  CompletableFuture<Optional<String>> asyncOptional(Optional<String> a);

  @OneWay void onewayPrimitive(long a);
  @OneWay void onewayBoxed(Long a);
  @OneWay void onewayVoid();
  @OneWay void onewayRecord(Item a);
  @OneWay void onewaySealed(Shape a);
  @OneWay void onewayCollection(List<String> a);
  @OneWay void onewayArray(long[] a);
  @OneWay void onewayOptional(Optional<String> a);

  Flow.Publisher<Long> pipePrimitive(long a);
  Flow.Publisher<Long> pipeBoxed(Long a);
  Flow.Publisher<Long> pipeVoid();
  Flow.Publisher<Item> pipeRecord(Item a);
  Flow.Publisher<Shape> pipeSealed(Shape a);
  Flow.Publisher<List<String>> pipeCollection(List<String> a);
  Flow.Publisher<long[]> pipeArray(long[] a);
  Flow.Publisher<Optional<String>> pipeOptional(Optional<String> a);

  void directPipePrimitive(long a, StreamWriter<Long> out);
  void directPipeBoxed(Long a, StreamWriter<Long> out);
  void directPipeVoid(StreamWriter<Long> out);
  void directPipeRecord(Item a, StreamWriter<Item> out);
  void directPipeSealed(Shape a, StreamWriter<Shape> out);
  void directPipeCollection(List<String> a, StreamWriter<List<String>> out);
  void directPipeArray(long[] a, StreamWriter<long[]> out);
  void directPipeOptional(Optional<String> a, StreamWriter<Optional<String>> out);

  long reversePipePrimitive(long a, Flow.Publisher<Long> in);
  Long reversePipeBoxed(Long a, Flow.Publisher<Long> in);
  void reversePipeVoid(Flow.Publisher<Long> in);
  Item reversePipeRecord(Item a, Flow.Publisher<Item> in);
  Shape reversePipeSealed(Shape a, Flow.Publisher<Shape> in);
  List<String> reversePipeCollection(List<String> a, Flow.Publisher<List<String>> in);
  long[] reversePipeArray(long[] a, Flow.Publisher<long[]> in);
  Optional<String> reversePipeOptional(Optional<String> a, Flow.Publisher<Optional<String>> in);

  StreamWriter<Long> reverseDirectPipePrimitive(long a);
  StreamWriter<Long> reverseDirectPipeBoxed(Long a);
  StreamWriter<Long> reverseDirectPipeVoid();
  StreamWriter<Item> reverseDirectPipeRecord(Item a);
  StreamWriter<Shape> reverseDirectPipeSealed(Shape a);
  StreamWriter<List<String>> reverseDirectPipeCollection(List<String> a);
  StreamWriter<long[]> reverseDirectPipeArray(long[] a);
  StreamWriter<Optional<String>> reverseDirectPipeOptional(Optional<String> a);

  StateStream<Long, Long> statePrimitive(long a);
  StateStream<Long, Long> stateBoxed(Long a);
  StateStream<Long, Long> stateVoid();
  StateStream<Item, Item> stateRecord(Item a);
  StateStream<Shape, Shape> stateSealed(Shape a);
  StateStream<List<String>, List<String>> stateCollection(List<String> a);
  StateStream<long[], long[]> stateArray(long[] a);
  StateStream<Optional<String>, Optional<String>> stateOptional(Optional<String> a);}
