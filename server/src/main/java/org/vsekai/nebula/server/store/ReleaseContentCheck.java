package org.vsekai.nebula.server.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.server.core.MissingContentException;

/**
 * Before a release is signed: every file's index is in the index store and agrees with the file's
 * size and the release's chunk sizes, and every chunk those indexes name is in the chunk store. A
 * signed manifest is a promise that an update can complete from this service alone.
 */
public final class ReleaseContentCheck {
  private final IndexStore indexes;
  private final ChunkStore chunks;

  public ReleaseContentCheck(IndexStore indexes, ChunkStore chunks) {
    this.indexes = indexes;
    this.chunks = chunks;
  }

  /** Throws {@link MissingContentException} naming the first problem and how many there are. */
  public void check(ReleaseRequest release) {
    ChunkSizes sizes =
        new ChunkSizes(
            release.chunking().min(), release.chunking().avg(), release.chunking().max());
    Map<String, ChunkIndex> read = new HashMap<>();
    Set<ChunkId> checked = new HashSet<>();
    int missingChunks = 0;
    ChunkId firstMissing = null;
    String firstMissingFile = null;
    for (ManifestFile f : release.files()) {
      ChunkIndex index = read.get(f.indexSha256());
      if (index == null) {
        index =
            indexes
                .read(f.indexSha256())
                .orElseThrow(
                    () ->
                        new MissingContentException(
                            "index "
                                + f.indexSha256()
                                + " of '"
                                + f.path()
                                + "' is not in the index store; PUT it to /index/ first"));
        read.put(f.indexSha256(), index);
      }
      if (index.length() != f.size()) {
        throw new MissingContentException(
            "'"
                + f.path()
                + "' has size "
                + f.size()
                + " but its index describes "
                + index.length()
                + " bytes");
      }
      if (!index.sizes().equals(sizes)) {
        throw new MissingContentException(
            "'"
                + f.path()
                + "' was chunked with "
                + index.sizes()
                + ", not the release's "
                + sizes);
      }
      for (ChunkId id : index.distinctIds()) {
        if (checked.add(id) && !chunks.has(id)) {
          missingChunks++;
          if (firstMissing == null) {
            firstMissing = id;
            firstMissingFile = f.path();
          }
        }
      }
    }
    if (missingChunks > 0) {
      throw new MissingContentException(
          missingChunks
              + " chunk(s) are not in the chunk store, the first "
              + firstMissing
              + " of '"
              + firstMissingFile
              + "'; PUT them to /store/ first");
    }
  }
}
