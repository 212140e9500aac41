package io.rpcparallel.it;

public enum Color { RED, GREEN, BLUE }
