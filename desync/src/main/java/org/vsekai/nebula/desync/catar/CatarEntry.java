package org.vsekai.nebula.desync.catar;

/**
 * The metadata record every node starts with.
 *
 * @param mode the full {@code st_mode}: file type and permission bits
 * @param mtimeNanos modification time in nanoseconds since the epoch; 0 means "not set"
 */
public record CatarEntry(long featureFlags, int mode, long uid, long gid, long mtimeNanos) {

  public int type() {
    return mode & CatarFormat.S_IFMT;
  }

  /** Permission, setuid, setgid and sticky bits. */
  public int permissions() {
    return mode & CatarFormat.MODE_BITS;
  }
}
