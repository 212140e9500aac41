/**
 * A map-reduce example: word frequencies over a directory of text files, counted by a pool of
 * worker processes with a progress bar.
 */
package io.rpcparallel.examples.wordcount;
