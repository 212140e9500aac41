/** How a spawned worker installs the appender (not API). */
package io.rpcparallel.log4j2.internal;
