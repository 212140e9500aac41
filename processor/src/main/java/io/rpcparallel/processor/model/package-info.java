/**
 * The small immutable models validation produces and the writers read (workers, methods, wire
 * types, records, enums, sealed interfaces), the names of the runtime types, and how method ids
 * and interface fingerprints are computed. Nothing here refers to an {@code Element}.
 */
package io.rpcparallel.processor.model;
