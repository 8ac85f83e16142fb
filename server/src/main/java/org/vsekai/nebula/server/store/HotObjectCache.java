package org.vsekai.nebula.server.store;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sun.misc.Unsafe;

/**
 * The store objects asked for recently, in memory, up to a byte budget. During a rollout every
 * player fetches the same few new chunks; serving them from memory spares the open, read and close
 * of a file per request, which on a busy two-core host was a third of the CPU a chunk cost. Objects
 * are named by their content, so a cached copy is never stale; it may outlive a prune of its file,
 * which is why only GETs are answered from here and HEADs (what a publisher asks before skipping an
 * upload) always look at the disk.
 *
 * <p>Copies live in direct memory, which the socket writes without another copy (on heap the cache
 * gained half as much). Direct memory is only returned when the garbage collector gets to its
 * owner, so a cache churning through more objects than it holds would pile up freed copies until
 * the JVM's limit forced a full collection. Each copy is therefore counted: the cache holds one
 * reference and every response being written another, and the last to let go frees the memory at
 * once. Used direct memory stays within the budget plus what is being written.
 *
 * <p>Eviction is second chance (CLOCK): an entry read since the last sweep is spared once. That
 * keeps a hot set in memory without a lock or a list to update on every hit.
 */
final class HotObjectCache {
  /** A copy being written to a client; {@link #release()} once the write is over. */
  interface Lease {
    /** The object's bytes, read-only, positioned for one write. */
    ByteBuffer bytes();

    void release();
  }

  private static final class Entry implements Lease {
    private final ByteBuffer memory;
    private final ByteBuffer readOnly;

    /** The cache's reference and one per lease; 0 once freed. */
    private final AtomicInteger references = new AtomicInteger(1);

    volatile boolean referenced;

    Entry(ByteBuffer memory) {
      this.memory = memory;
      this.readOnly = memory.asReadOnlyBuffer();
    }

    boolean retain() {
      for (int n = references.get(); n > 0; n = references.get()) {
        if (references.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public ByteBuffer bytes() {
      return readOnly.duplicate();
    }

    @Override
    public void release() {
      if (references.decrementAndGet() == 0) {
        DirectMemory.free(memory);
      }
    }
  }

  private final long capacityBytes;
  private final int maxObjectBytes;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong usedBytes = new AtomicLong();
  private final Object evicting = new Object();
  private Iterator<Map.Entry<String, Entry>> hand;

  /**
   * @param capacityBytes the budget; 0 turns the cache off
   * @param maxObjectBytes larger objects are never kept
   */
  HotObjectCache(long capacityBytes, int maxObjectBytes) {
    this.capacityBytes = Math.max(0, capacityBytes);
    this.maxObjectBytes = maxObjectBytes;
  }

  boolean enabled() {
    return capacityBytes > 0;
  }

  /** The object, held for one write, or null when it is not here. */
  Lease lease(String key) {
    Entry e = entries.get(key);
    if (e == null || !e.retain()) {
      return null;
    }
    if (!e.referenced) {
      e.referenced = true;
    }
    return e;
  }

  /** Keeps a copy of {@code content}'s remaining bytes (its position is left as it was). */
  void put(String key, ByteBuffer content) {
    int size = content.remaining();
    if (!enabled() || size > maxObjectBytes || size > capacityBytes || entries.containsKey(key)) {
      return;
    }
    ByteBuffer copy = ByteBuffer.allocateDirect(size);
    copy.put(content.duplicate()).flip();
    Entry entry = new Entry(copy);
    if (entries.putIfAbsent(key, entry) != null) {
      entry.release();
      return;
    }
    if (usedBytes.addAndGet(size) > capacityBytes) {
      evict();
    }
  }

  long usedBytes() {
    return usedBytes.get();
  }

  int size() {
    return entries.size();
  }

  private void evict() {
    synchronized (evicting) {
      // Two sweeps at most: the first clears every reference bit it passes, so the second finds
      // a victim unless everything was re-read meanwhile, which cannot go on for long.
      int budget = 2 * entries.size() + 1;
      while (usedBytes.get() > capacityBytes && budget-- > 0) {
        if (hand == null || !hand.hasNext()) {
          hand = entries.entrySet().iterator();
        }
        if (!hand.hasNext()) {
          return;
        }
        Map.Entry<String, Entry> candidate = hand.next();
        Entry e = candidate.getValue();
        if (e.referenced) {
          e.referenced = false;
        } else if (entries.remove(candidate.getKey(), e)) {
          usedBytes.addAndGet(-e.memory.capacity());
          e.release();
        }
      }
    }
  }

  /** Frees a direct buffer now rather than when the collector finds it unreachable. */
  static final class DirectMemory {
    private static final Unsafe UNSAFE = unsafe();

    private DirectMemory() {}

    static void free(ByteBuffer direct) {
      // Without Unsafe (a JVM that hides it) the collector frees it, as for any buffer.
      if (UNSAFE != null) {
        UNSAFE.invokeCleaner(direct);
      }
    }

    private static Unsafe unsafe() {
      try {
        Field f = Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (Unsafe) f.get(null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
