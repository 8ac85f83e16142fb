package org.vsekai.nebula.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the stores' successful GETs and HEADs on the application port as a plain Jetty handler,
 * in front of Dropwizard's chain (gzip, metrics, servlet filters) that a REST call needs and a
 * chunk download does not: on two cores that chain cost as much CPU as reading and sending the
 * chunk. Anything else (a PUT, a malformed name, a missing object, a very large file, the admin
 * port) goes on to the servlets, which answer it the same way they always did, so their tests keep
 * covering every error. GETs of small objects are answered from a {@link HotObjectCache} when it
 * holds them.
 */
public final class StoreReadHandler extends Handler.Wrapper {
  /**
   * Chunks (256 KiB at most with desync's defaults) and the indexes of most files; larger objects,
   * big indexes read once per update, are streamed by the servlet.
   */
  static final int MAX_BUFFERED_BYTES = 1024 * 1024;

  /** Per Jetty thread: a read into it and the socket write from it copy each byte once. */
  private static final ThreadLocal<ByteBuffer> READ_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_BUFFERED_BYTES));

  private final Map<String, ContentAddressedServlet> stores;
  private final String connectorName;
  private final HotObjectCache cache;

  /**
   * @param stores the servlet behind each path prefix, such as {@code "/store"}
   * @param connectorName the application connector's name; requests to other connectors pass
   * @param memoryCacheBytes how much of the stores to keep in memory; 0 for none
   */
  public StoreReadHandler(
      Handler next,
      Map<String, ContentAddressedServlet> stores,
      String connectorName,
      long memoryCacheBytes) {
    super(next);
    this.stores = Map.copyOf(stores);
    this.connectorName = connectorName;
    this.cache = new HotObjectCache(memoryCacheBytes, MAX_BUFFERED_BYTES);
  }

  /**
   * Puts a handler in front of the server's chain, under its graceful-shutdown handler when it has
   * one, so a stop still waits for the downloads in flight. Call while the server starts.
   */
  public static void install(
      Server server,
      Map<String, ContentAddressedServlet> stores,
      String connectorName,
      long memoryCacheBytes) {
    Handler.Wrapper parent = server;
    if (server.getHandler() instanceof GracefulHandler graceful) {
      parent = graceful;
    }
    parent.setHandler(
        new StoreReadHandler(parent.getHandler(), stores, connectorName, memoryCacheBytes));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    boolean get = HttpMethod.GET.is(method);
    if (!get && !HttpMethod.HEAD.is(method)) {
      return super.handle(request, response, callback);
    }
    if (!connectorName.equals(request.getConnectionMetaData().getConnector().getName())) {
      return super.handle(request, response, callback);
    }
    String path = request.getHttpURI().getPath();
    int slash = path == null ? -1 : path.indexOf('/', 1);
    ContentAddressedServlet store = slash < 0 ? null : stores.get(path.substring(0, slash));
    Path file = store == null ? null : store.locate(path.substring(slash));
    if (file == null) {
      return super.handle(request, response, callback);
    }
    if (!get) {
      return head(file, request, response, callback);
    }

    HotObjectCache.Lease cached = cache.lease(path);
    if (cached != null) {
      ByteBuffer bytes = cached.bytes();
      okHeaders(response, bytes.remaining());
      store.markServed(bytes.remaining());
      response.write(true, bytes, Callback.from(cached::release, callback));
      return true;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return super.handle(request, response, callback);
    }
    ByteBuffer buffer = READ_BUFFER.get().clear();
    try (channel) {
      long size = channel.size();
      if (size > MAX_BUFFERED_BYTES || size == 0) {
        return super.handle(request, response, callback);
      }
      buffer.limit((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read until the whole file is in
      }
      if (buffer.hasRemaining()) {
        throw new IOException(file.getFileName() + " shrank while being read");
      }
      buffer.flip();
    }
    cache.put(path, buffer);
    okHeaders(response, buffer.remaining());
    store.markServed(buffer.remaining());
    // The buffer is this thread's and its next request reuses it, so the write must be over
    // before this returns. It nearly always is at once: the socket takes a chunk whole.
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(true, buffer, written);
      written.block();
    } catch (IOException e) {
      callback.failed(e);
      return true;
    }
    callback.succeeded();
    return true;
  }

  /**
   * HEAD always asks the disk: a publisher skips uploading what the store says it has. An empty
   * file (a crash under a store that was not durable) is no object: the servlet answers 404, and
   * the publisher's upload replaces it.
   */
  private boolean head(Path file, Request request, Response response, Callback callback)
      throws Exception {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return super.handle(request, response, callback);
    }
    if (size == 0) {
      return super.handle(request, response, callback);
    }
    okHeaders(response, size);
    response.write(true, null, callback);
    return true;
  }

  private static void okHeaders(Response response, long size) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, ContentAddressedServlet.IMMUTABLE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
  }
}
