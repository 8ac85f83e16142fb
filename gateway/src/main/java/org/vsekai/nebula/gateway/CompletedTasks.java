package org.vsekai.nebula.gateway;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tasks whose completion this gateway forwarded, so a token replayed after its task ended is
 * refused here instead of reaching Temporal. Bounded: the oldest are forgotten first. A token
 * forgotten, or replayed at another gateway replica, still reaches Temporal, which refuses a
 * completed task by itself (NOT_FOUND) and changes nothing; the guard makes the common case a clear
 * PERMISSION_DENIED and spares the cluster the call.
 */
final class CompletedTasks {
  private final Map<ByteString, Boolean> completed;

  CompletedTasks(int capacity) {
    this.completed =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteString, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean contains(ByteString sealMac) {
    return completed.containsKey(sealMac);
  }

  synchronized void add(ByteString sealMac) {
    completed.put(sealMac, Boolean.TRUE);
  }
}
