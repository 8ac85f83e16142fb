package org.vsekai.nebula.desync;

import java.time.Duration;

/**
 * How an {@link HttpChunkStore} talks to its server. The defaults are desync's: 3 retries of
 * transport errors and 5xx with a back-off of attempt x 500 ms, and a one-minute timeout.
 *
 * @param authorization the value of the Authorization header, e.g. "Bearer x"; null for none
 */
public record HttpStoreOptions(
    Duration timeout,
    int retries,
    Duration backoff,
    String authorization,
    ChunkVerifier verifier,
    TransferListener listener) {

  public static final HttpStoreOptions DEFAULT =
      new HttpStoreOptions(
          Duration.ofMinutes(1),
          3,
          Duration.ofMillis(500),
          null,
          ChunkVerifier.DEFAULT,
          TransferListener.NONE);

  public HttpStoreOptions withAuthorization(String value) {
    return new HttpStoreOptions(timeout, retries, backoff, value, verifier, listener);
  }

  public HttpStoreOptions withRetries(int n, Duration delay) {
    return new HttpStoreOptions(timeout, n, delay, authorization, verifier, listener);
  }

  public HttpStoreOptions withTimeout(Duration t) {
    return new HttpStoreOptions(t, retries, backoff, authorization, verifier, listener);
  }

  public HttpStoreOptions withVerifier(ChunkVerifier v) {
    return new HttpStoreOptions(timeout, retries, backoff, authorization, v, listener);
  }

  /** Receives the compressed size of every chunk fetched: pacing, counting. */
  public HttpStoreOptions withListener(TransferListener l) {
    return new HttpStoreOptions(timeout, retries, backoff, authorization, verifier, l);
  }
}
