package org.vsekai.nebula.desync;

/**
 * Told the size of every chunk body an HTTP store receives (compressed, as it crossed the wire). It
 * may block to pace downloads ({@link ByteRateLimiter}); it is called from fetching threads.
 */
@FunctionalInterface
public interface TransferListener {
  TransferListener NONE = bytes -> {};

  void received(long bytes);

  default TransferListener andThen(TransferListener next) {
    return bytes -> {
      received(bytes);
      next.received(bytes);
    };
  }
}
