package org.vsekai.nebula.desync;

/**
 * Where the bytes of an extraction came from.
 *
 * @param bytesFetched bytes (uncompressed) read from chunk stores
 * @param chunksFetched distinct chunks read from stores
 * @param bytesFromSeeds bytes copied from seed files
 * @param bytesInPlace bytes already right in the output (in-place extraction)
 * @param bytesZero bytes of all-zero max-size chunks, written without any store
 * @param bytesDuplicated bytes of chunks that appear more than once in the output, written from the
 *     one fetch (desync's self-seed)
 */
public record ExtractStats(
    long bytesTotal,
    long bytesFetched,
    long chunksFetched,
    long bytesFromSeeds,
    long bytesInPlace,
    long bytesZero,
    long bytesDuplicated) {}
