package org.vsekai.nebula.cli.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A verify or repair the GUI started: one at a time, on its own thread, with the bytes hashed so
 * far for its progress bar and its result or error when it ends.
 */
final class LocalJob {
  /** What the job does; it reports progress through {@code bytesDone}. */
  interface Work {
    Map<String, Object> run(AtomicLong bytesDone, AtomicLong bytesTotal) throws Exception;
  }

  private final String kind;
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong bytesTotal = new AtomicLong();
  private final AtomicReference<Map<String, Object>> result = new AtomicReference<>();
  private final AtomicReference<String> error = new AtomicReference<>();
  private final Thread thread;

  LocalJob(String kind, Work work) {
    this.kind = kind;
    this.thread =
        new Thread(
            () -> {
              try {
                result.set(work.run(bytesDone, bytesTotal));
              } catch (Exception | Error e) {
                error.set(String.valueOf(e.getMessage()));
              }
            },
            "vsekai-local-" + kind);
    thread.setDaemon(true);
  }

  LocalJob start() {
    thread.start();
    return this;
  }

  boolean running() {
    return thread.isAlive();
  }

  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("running", running());
    m.put("bytesDone", bytesDone.get());
    m.put("bytesTotal", bytesTotal.get());
    if (result.get() != null) {
      m.put("result", result.get());
    }
    if (error.get() != null) {
      m.put("error", error.get());
    }
    return m;
  }
}
