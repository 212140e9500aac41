/**
 * Validation: turns annotated elements into models, reporting each error on the most specific
 * element, and defers a type that refers to one another processor may still generate.
 */
package io.rpcparallel.processor.validate;
