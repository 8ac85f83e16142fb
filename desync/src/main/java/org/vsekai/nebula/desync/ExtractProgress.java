package org.vsekai.nebula.desync;

/** Told how far an extraction is; called from worker threads, so it must be thread-safe. */
@FunctionalInterface
public interface ExtractProgress {
  ExtractProgress NONE = (done, total) -> {};

  void update(long bytesDone, long bytesTotal);
}
