package org.vsekai.nebula.server.store;

import com.codahale.metrics.MetricRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import org.vsekai.nebula.desync.IndexFormatException;
import org.vsekai.nebula.server.core.RoleToken;

/**
 * The index store at {@code /index/<sha256>.caibx}. An upload must parse as a {@code .caibx} (415
 * otherwise, as desync's index server answers) and be named by its SHA-256 (400 otherwise).
 */
public final class IndexStoreServlet extends ContentAddressedServlet {
  private static final long serialVersionUID = 1L;

  private final transient IndexStore store;

  public IndexStoreServlet(
      IndexStore store, RoleToken token, int maxIndexBytes, MetricRegistry metrics) {
    super(token, maxIndexBytes, metrics, "store.indexes");
    this.store = store;
  }

  static String sha256(String pathInfo) {
    if (!pathInfo.startsWith("/") || !pathInfo.endsWith(IndexStore.SUFFIX)) {
      return null;
    }
    String name = pathInfo.substring(1, pathInfo.length() - IndexStore.SUFFIX.length());
    return IndexStore.isSha256Hex(name) ? name : null;
  }

  @Override
  Path locate(String pathInfo) {
    String sha = sha256(pathInfo);
    return sha == null ? null : store.path(sha);
  }

  @Override
  boolean store(Path file, String pathInfo, byte[] body)
      throws IOException, UploadRejectedException {
    try {
      return store.put(sha256(pathInfo), body);
    } catch (IndexFormatException e) {
      throw new UploadRejectedException(
          HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UploadRejectedException(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
    }
  }
}
