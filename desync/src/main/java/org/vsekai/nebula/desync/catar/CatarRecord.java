package org.vsekai.nebula.desync.catar;

/** One record of a catar stream, as {@link CatarReader} hands them out. */
sealed interface CatarRecord {
  /** Where the record starts in the stream. */
  long offset();

  record Entry(long offset, CatarEntry entry) implements CatarRecord {}

  record XAttr(long offset, byte[] name, byte[] value) implements CatarRecord {}

  record Filename(long offset, String name) implements CatarRecord {}

  record Symlink(long offset, String target) implements CatarRecord {}

  record Device(long offset, long major, long minor) implements CatarRecord {}

  /** A file's contents follow; read them with {@link CatarReader#payload()}. */
  record Payload(long offset, long size) implements CatarRecord {}

  /** The end of a folder; of its items only the tail, which points back at the entry. */
  record Goodbye(long offset, long size, GoodbyeItem tail) implements CatarRecord {}

  /** Metadata desync reads and drops: user and group names, ACLs, SELinux labels, fcaps. */
  record Ignored(long offset, long type) implements CatarRecord {}
}
