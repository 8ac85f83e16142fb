package org.vsekai.nebula.desync;

/** Constants of the casync index format (casync-format.md); every field is a little-endian u64. */
final class CaibxFormat {
  static final long HEADER_SIZE = 48;
  static final long TYPE_INDEX = 0x96824d9c7b129ff9L;
  static final long TYPE_TABLE = 0xe75b9e112f17417dL;
  static final long TABLE_TAIL_MARKER = 0x4b4f050e5549ecd1L;
  static final long TABLE_SIZE_UNKNOWN = 0xFFFFFFFFFFFFFFFFL;

  static final long FLAG_EXCLUDE_NODUMP = 0x8000000000000000L;
  static final long FLAG_SHA512_256 = 0x2000000000000000L;
  static final long FLAG_EXCLUDE_FILE = 0x1000000000000000L;

  static final int ITEM_SIZE = 40;
  static final int TABLE_HEADER_SIZE = 16;
  static final int TAIL_SIZE = 40;

  /** Header + table header + tail: the size of the index of an empty blob. */
  static final int EMPTY_INDEX_SIZE = (int) HEADER_SIZE + TABLE_HEADER_SIZE + TAIL_SIZE;

  private CaibxFormat() {}

  static long flagsFor(HashAlgorithm algorithm) {
    return FLAG_EXCLUDE_NODUMP | (algorithm == HashAlgorithm.SHA512_256 ? FLAG_SHA512_256 : 0);
  }
}
