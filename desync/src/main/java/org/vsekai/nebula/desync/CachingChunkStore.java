package org.vsekai.nebula.desync;

/**
 * A local cache in front of a (usually remote) store: reads try the cache first and keep what the
 * upstream store returned. A corrupt chunk in the cache counts as missing and is replaced.
 */
public final class CachingChunkStore implements ChunkStore {
  private final LocalChunkStore cache;
  private final ChunkStore upstream;

  public CachingChunkStore(LocalChunkStore cache, ChunkStore upstream) {
    this.cache = cache;
    this.upstream = upstream;
  }

  @Override
  public byte[] get(ChunkId id) {
    boolean corrupt = false;
    try {
      return cache.get(id);
    } catch (ChunkMissingException e) {
      // fetch below
    } catch (ChunkInvalidException e) {
      corrupt = true;
    }
    if (upstream instanceof CompressedChunkSource compressed) {
      // Kept as it arrived and checked once, upstream: no second compression or hash.
      byte[] body = compressed.getVerifiedCompressed(id);
      if (corrupt) {
        cache.replaceCompressed(id, body);
      } else {
        cache.putVerifiedCompressed(id, body);
      }
      return ChunkCodec.decompress(body, Integer.MAX_VALUE - 16);
    }
    byte[] data = upstream.get(id);
    if (corrupt) {
      cache.replace(id, data);
    } else {
      cache.put(id, data);
    }
    return data;
  }

  @Override
  public boolean has(ChunkId id) {
    return cache.has(id) || upstream.has(id);
  }

  public LocalChunkStore cache() {
    return cache;
  }

  @Override
  public String location() {
    return upstream.location() + " (cached in " + cache.dir() + ")";
  }

  @Override
  public void close() {
    upstream.close();
  }
}
