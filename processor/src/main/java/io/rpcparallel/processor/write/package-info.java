/**
 * The writers: build the generated classes ({@code XRpc}, {@code XClient}, {@code XAsync},
 * {@code XDispatcher}, {@code XCodecs}, the routing main) with JavaPoet from the models alone.
 */
package io.rpcparallel.processor.write;
