package io.rpcparallel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a worker method on the worker's network event loop, the thread that read the call,
 * instead of handing it to the worker's call pool: a call saves two thread hand-offs on the
 * worker, and its reply leaves with the others answered in the same read. On an
 * {@link RpcWorker} interface it applies to every method the interface declares.
 *
 * <p>For methods that never block and return quickly, such as a lookup in memory or a small
 * computation. While one runs, the connections sharing that event loop (heartbeats included)
 * read and write nothing. So a method run on the event loop must not:
 * <ul>
 *   <li>block: no locks held for long, no sleeping, no waiting on futures, files or sockets;
 *   <li>call a worker (another, or its own) and wait for the answer: the answer may have to be
 *       read by the very thread that waits;
 *   <li>do long CPU work (more than a few tens of microseconds).
 * </ul>
 *
 * <p>An exception it throws fails the call with a {@code RemoteException}, exactly as for a
 * method run on the pool; a one-way method's exception is logged on the worker. A method that
 * returns a {@code CompletableFuture} runs on the event loop and is answered when its future
 * completes, on whichever thread completes it. Streaming methods (a {@code Flow.Publisher},
 * {@code StreamWriter} or {@code StateStream} parameter or result) cannot run on the event loop:
 * their streams wait for credits that the event loop itself reads. The processor rejects this
 * annotation on them, and on an interface that declares any.
 *
 * <p>Whether a method runs on the event loop is the worker's business alone: a client compiled
 * with or without this annotation calls the worker the same way.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OnEventLoop {}
