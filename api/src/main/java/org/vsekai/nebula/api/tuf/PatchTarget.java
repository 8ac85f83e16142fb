package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signed patch target, read: the file it makes, the version it starts from, the SHA-256 of the
 * file it applies to and of the file it makes, and the cost of the chunk route it competes with.
 *
 * @param name where to fetch it, relative to the targets' base (see {@link TufUpdater#targetName})
 * @param sha256 the patch's own SHA-256, from the signed hashes
 */
public record PatchTarget(
    TargetFile target,
    String name,
    String file,
    String fromVersion,
    String sha256,
    String sourceSha256,
    String resultSha256,
    long chunkBytes,
    long chunkRawBytes) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public long length() {
    return target.length();
  }

  PatchTarget withName(String n) {
    return new PatchTarget(
        target,
        n,
        file,
        fromVersion,
        sha256,
        sourceSha256,
        resultSha256,
        chunkBytes,
        chunkRawBytes);
  }

  /** The target as a patch of {@code file} from {@code fromVersion}; empty when it is not one. */
  static Optional<PatchTarget> of(TargetFile t, String file, String fromVersion) {
    JsonNode p = t.custom().path("patch");
    String sha = t.hashes().get("sha256");
    String source = p.path("source_sha256").asText("");
    String result = p.path("result_sha256").asText("");
    if (!file.equals(p.path("file").asText(null))
        || !fromVersion.equals(p.path("from").asText(null))
        || sha == null
        || !SHA256.matcher(sha).matches()
        || !SHA256.matcher(source).matches()
        || !SHA256.matcher(result).matches()
        || !p.path("chunk_bytes").canConvertToLong()
        || !p.path("chunk_raw_bytes").canConvertToLong()
        || t.length() <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new PatchTarget(
            t,
            t.path(),
            file,
            fromVersion,
            sha,
            source,
            result,
            p.path("chunk_bytes").asLong(),
            p.path("chunk_raw_bytes").asLong()));
  }

  /**
   * The chunk route's estimated bytes on the wire for {@code rawBytes} of missing chunks: they
   * compress as the chunks the service measured for this source did.
   */
  public long estimatedChunkBytes(long rawBytes) {
    if (chunkRawBytes <= 0) {
      return rawBytes;
    }
    return (long) Math.ceil(rawBytes * (chunkBytes / (double) chunkRawBytes));
  }
}
