package org.vsekai.nebula.server.store;

import com.codahale.metrics.MetricRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkInvalidException;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.server.core.RoleToken;

/**
 * The chunk store at {@code /store/<4 hex>/<64 hex>.cacnk}, the layout desync and casync use. An
 * uploaded chunk is decompressed (bounded) and its SHA-512/256 compared with its name before it is
 * stored, atomically, as the uploader compressed it.
 */
public final class ChunkStoreServlet extends ContentAddressedServlet {
  private static final long serialVersionUID = 1L;
  private static final int NAME_LENGTH = 1 + 4 + 1 + 64 + LocalChunkStore.SUFFIX.length();

  private final transient LocalChunkStore store;

  public ChunkStoreServlet(
      LocalChunkStore store, RoleToken token, int maxCompressedBytes, MetricRegistry metrics) {
    super(token, maxCompressedBytes, metrics, "store.chunks");
    this.store = store;
  }

  /** The chunk id of {@code /abcd/abcd....cacnk}, or null when the path is anything else. */
  static ChunkId chunkId(String pathInfo) {
    if (pathInfo.length() != NAME_LENGTH
        || pathInfo.charAt(0) != '/'
        || pathInfo.charAt(5) != '/') {
      return null;
    }
    if (!pathInfo.endsWith(LocalChunkStore.SUFFIX)) {
      return null;
    }
    String hex = pathInfo.substring(6, 6 + 64);
    if (!ChunkId.isHex(hex) || !pathInfo.regionMatches(1, hex, 0, 4)) {
      return null;
    }
    return ChunkId.fromHex(hex);
  }

  @Override
  Path locate(String pathInfo) {
    ChunkId id = chunkId(pathInfo);
    return id == null ? null : store.chunkPath(id);
  }

  @Override
  boolean store(Path file, String pathInfo, byte[] body) throws UploadRejectedException {
    ChunkId id = chunkId(pathInfo);
    boolean existed = store.has(id);
    try {
      store.putCompressed(id, body);
    } catch (ChunkInvalidException e) {
      throw new UploadRejectedException(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
    }
    return !existed;
  }
}
