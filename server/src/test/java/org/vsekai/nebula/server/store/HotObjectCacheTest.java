package org.vsekai.nebula.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HotObjectCacheTest {
  private static ByteBuffer bytes(int size, int fill) {
    ByteBuffer b = ByteBuffer.allocate(size);
    while (b.hasRemaining()) {
      b.put((byte) fill);
    }
    return b.flip();
  }

  @Test
  void anObjectPutIsLeasedWholeAndEachLeaseCanBeWrittenOnItsOwn() {
    HotObjectCache cache = new HotObjectCache(1024, 512);
    ByteBuffer content = bytes(100, 7);
    cache.put("/a", content);

    assertThat(content.remaining()).as("the caller's buffer is left as it was").isEqualTo(100);
    HotObjectCache.Lease first = cache.lease("/a");
    HotObjectCache.Lease second = cache.lease("/a");
    ByteBuffer written = first.bytes();
    written.position(written.limit());
    ByteBuffer other = second.bytes();
    assertThat(other.remaining()).isEqualTo(100);
    assertThat(other.get(99)).isEqualTo((byte) 7);
    assertThat(other.isReadOnly()).isTrue();
    first.release();
    second.release();
    assertThat(cache.lease("/b")).isNull();
  }

  @Test
  void itStaysWithinItsBudgetAndSparesWhatWasReadSinceTheLastSweep() {
    HotObjectCache cache = new HotObjectCache(400, 512);
    cache.put("/hot", bytes(100, 1));
    for (int i = 0; i < 50; i++) {
      cache.lease("/hot").release();
      cache.put("/cold-" + i, bytes(100, 2));
      assertThat(cache.usedBytes()).isLessThanOrEqualTo(400);
    }
    assertThat(cache.lease("/hot")).as("read before every insert, never evicted").isNotNull();
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void anObjectEvictedWhileBeingWrittenStaysReadableUntilItsLeaseEnds() {
    HotObjectCache cache = new HotObjectCache(200, 512);
    cache.put("/a", bytes(100, 9));
    HotObjectCache.Lease writing = cache.lease("/a");
    for (int i = 0; i < 20; i++) {
      cache.put("/b" + i, bytes(100, 3));
    }

    assertThat(cache.lease("/a")).as("evicted").isNull();
    ByteBuffer still = writing.bytes();
    for (int i = 0; i < 100; i++) {
      assertThat(still.get(i)).isEqualTo((byte) 9);
    }
    writing.release();
  }

  @Test
  void largeObjectsAndAZeroBudgetKeepNothing() {
    HotObjectCache small = new HotObjectCache(10_000, 512);
    small.put("/big", bytes(513, 1));
    HotObjectCache off = new HotObjectCache(0, 512);
    off.put("/a", bytes(10, 1));

    assertThat(small.lease("/big")).isNull();
    assertThat(off.enabled()).isFalse();
    assertThat(off.lease("/a")).isNull();
    assertThat(off.usedBytes()).isZero();
  }
}
