package io.rpcparallel.processor.model;

import java.util.Optional;

/**
 * The stream of a streaming method.
 *
 * @param item the type of its items (of a state call: its updates)
 * @param parameter the name of the parameter that carries it (the method's last), or empty when
 *     the method returns it
 */
public record StreamModel(WireType item, Optional<String> parameter) {}
