/**
 * JMH benchmarks of the generated codecs, against Java serialization and Kryo.
 */
package io.rpcparallel.benchmarks;
