package org.vsekai.nebula.api.manifest;

/**
 * One file of a release.
 *
 * @param path relative to the install folder, '/'-separated, never escaping it
 * @param permissions POSIX permission bits in octal, e.g. "0755"
 * @param indexSha256 SHA-256 (hex) of the file's {@code .caibx}; indexes are content-addressed, so
 *     a file whose digest did not change between two releases did not change either
 */
public record ManifestFile(String path, long size, String permissions, String indexSha256) {

  public boolean executable() {
    return permissions != null && (Integer.parseInt(permissions, 8) & 0111) != 0;
  }
}
