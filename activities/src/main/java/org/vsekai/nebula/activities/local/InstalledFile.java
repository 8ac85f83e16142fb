package org.vsekai.nebula.activities.local;

/**
 * A file of an installed release as it was when the release was switched in. A file whose size and
 * modification time still match is taken to be unchanged without reading it.
 */
public record InstalledFile(
    String path, long size, long modifiedMillis, String permissions, String indexSha256) {}
