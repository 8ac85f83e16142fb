package org.vsekai.nebula.api.tuf;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the client reads metadata and targets from: a repository's files by name ({@code
 * 3.root.json}, {@code timestamp.json}, {@code 7.snapshot.json}, a target path). An implementation
 * stops reading past {@code maxLength} and throws {@link TufRefusal} with {@code TOO_LONG}, so
 * endless data never fills memory.
 */
public interface MetadataSource {
  /** The file's bytes, or empty when the repository has no such file. */
  Optional<byte[]> fetch(String name, long maxLength) throws IOException;
}
