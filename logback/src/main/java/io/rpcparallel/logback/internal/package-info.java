/** How a spawned worker installs the appender (not API). */
package io.rpcparallel.logback.internal;
