package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the public API lets users call, and what it makes them catch. */
class PublicApiTest {
  @Test
  void mapResultsAreMadeOnlyByMapReduce() {
    assertEquals(0, MapResults.class.getConstructors().length);
  }

  @Test
  void closingAClientOrAForegroundThrowsNoCheckedException() throws NoSuchMethodException {
    assertArrayEquals(new Class<?>[0], RpcClient.class.getMethod("close").getExceptionTypes());
    assertArrayEquals(new Class<?>[0], Foreground.class.getMethod("close").getExceptionTypes());
    assertEquals(RpcClient.class, Foreground.class.getTypeParameters()[0].getBounds()[0]);
  }
}
