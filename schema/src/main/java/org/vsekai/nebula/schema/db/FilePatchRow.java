package org.vsekai.nebula.schema.db;

/**
 * A patch of one release file from the same path in an earlier version.
 *
 * @param fromVersion the source's version, as text
 * @param sourceSha256 SHA-256 of the source file's bytes: the patch applies to those only
 * @param resultSha256 SHA-256 of the file the patch makes
 * @param patchSha256 SHA-256 of the patch object, its name in the patch store
 * @param chunkBytes compressed bytes of the chunks the result needs that the source lacks: what the
 *     chunk route from this source costs on the wire
 * @param chunkRawBytes the same chunks' uncompressed bytes
 */
public record FilePatchRow(
    String path,
    String fromVersion,
    String sourceSha256,
    String resultSha256,
    String patchSha256,
    long patchSize,
    long chunkBytes,
    long chunkRawBytes) {}
