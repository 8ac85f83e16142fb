package org.vsekai.nebula.desync;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whole HTTP answers read within bounds. The JDK's client times out only the wait for headers: a
 * server that then trickles its body keeps a call alive for hours, and one that sends gigabytes
 * fills the heap. Here the body must keep arriving at an average of at least {@link
 * #MIN_BYTES_PER_SECOND} after the first wait (each byte received buys time; a trickle does not buy
 * enough), and within a size (the declared length is checked before a byte is read), or the call
 * fails.
 */
public final class HttpBodies {
  /**
   * The slowest a body may arrive when the deadline is set by its size: below this a download is
   * not progressing, it is stalling.
   */
  public static final long MIN_BYTES_PER_SECOND = 16 * 1024;

  /** What the first wait covers besides the headers: a body this small needs no more time. */
  static final long GRACE_BYTES = 64 * 1024;

  private HttpBodies() {}

  /** An answer larger than its caller can use. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Sends {@code request} and reads its whole body, at most {@code maxBytes}.
   *
   * @param wait how long the answer may take to start; the body then has its size's time
   * @throws HttpTimeoutException when the answer is not whole by its deadline
   * @throws TooLargeException when the body is, or says it will be, larger than {@code maxBytes}
   */
  public static HttpResponse<byte[]> send(
      HttpClient client, HttpRequest request, long maxBytes, Duration wait)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    AtomicReference<Capped> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> answer =
        client.sendAsync(
            request,
            info -> {
              Capped capped = new Capped(maxBytes, info);
              body.set(capped);
              return capped;
            });
    try {
      while (true) {
        try {
          return answer.get(250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
          Capped started = body.get();
          long received = started == null ? 0 : started.size;
          long deadline =
              start
                  + wait.toNanos()
                  + (received + GRACE_BYTES) * 1_000_000_000L / MIN_BYTES_PER_SECOND;
          if (System.nanoTime() - deadline > 0) {
            answer.cancel(true);
            throw new HttpTimeoutException(
                request.method()
                    + " "
                    + request.uri()
                    + " did not answer whole within "
                    + Duration.ofNanos(System.nanoTime() - start).toSeconds()
                    + " s");
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof IOException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  /** Collects a body of at most {@code max} bytes, refusing a larger one as soon as it shows. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final HttpResponse.ResponseInfo info;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();

    /** Bytes received so far; read by the waiting thread to extend the deadline. */
    private volatile long size;

    private Flow.Subscription subscription;

    Capped(long max, HttpResponse.ResponseInfo info) {
      this.max = max;
      this.info = info;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > max) {
        fail("the answer declares " + declared + " bytes, more than the " + max + " it may have");
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        long now = size + b.remaining();
        size = now;
        if (now > max) {
          fail("the answer is larger than the " + max + " bytes it may have");
          return;
        }
        parts.add(b);
      }
    }

    private void fail(String why) {
      subscription.cancel();
      result.completeExceptionally(new TooLargeException(why));
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      byte[] all = new byte[(int) size];
      int at = 0;
      for (ByteBuffer b : parts) {
        int n = b.remaining();
        b.get(all, at, n);
        at += n;
      }
      result.complete(all);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
