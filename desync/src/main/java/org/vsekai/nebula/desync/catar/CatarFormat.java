package org.vsekai.nebula.desync.catar;

/**
 * Constants of casync's archive format (catar) as desync v1.0.4 writes it: a stream of records,
 * each a little-endian u64 size (header included) and u64 type, then the body.
 */
public final class CatarFormat {
  static final long HEADER_SIZE = 16;

  static final long ENTRY = 0x1396fabcea5bbb51L;
  static final long USER = 0xf453131aaeeaccb3L;
  static final long GROUP = 0x25eb6ac969396a52L;
  static final long XATTR = 0xb8157091f80bc486L;
  static final long ACL_USER = 0x297dc88b2ef12fafL;
  static final long ACL_GROUP = 0x36f2acb56cb3dd0bL;
  static final long ACL_GROUP_OBJ = 0x23047110441f38f3L;
  static final long ACL_DEFAULT = 0xfe3eeda6823c8cd0L;
  static final long ACL_DEFAULT_USER = 0xbdf03df9bd010a91L;
  static final long ACL_DEFAULT_GROUP = 0xa0cb1168782d1f51L;
  static final long FCAPS = 0xf7267db0afed0629L;
  static final long SELINUX = 0x46faf0602fd26c59L;
  static final long SYMLINK = 0x664a6fb6830e0d6cL;
  static final long DEVICE = 0xac3dace369dfe643L;
  static final long PAYLOAD = 0x8b9e1d93d6dcffc9L;
  static final long FILENAME = 0x6dbb6ebcb3161f0bL;
  static final long GOODBYE = 0xdfd35c5e8327c403L;
  static final long GOODBYE_TAIL_MARKER = 0x57446fa533702943L;

  /** SipHash-2-4 key of the file name hashes in goodbye records. */
  static final long GOODBYE_HASH_KEY0 = 0x8574442b0f1d84b3L;

  static final long GOODBYE_HASH_KEY1 = 0x2736ed30d1c22ec1L;

  static final long ENTRY_SIZE = 64;
  static final long DEVICE_SIZE = 32;
  static final long GOODBYE_ITEM_SIZE = 24;

  static final long WITH_32BIT_UIDS = 0x2;
  static final long WITH_NSEC_TIME = 0x20;
  static final long WITH_PERMISSIONS = 0x100;
  static final long WITH_SYMLINKS = 0x200;
  static final long WITH_DEVICE_NODES = 0x400;
  static final long WITH_FIFOS = 0x800;
  static final long WITH_SOCKETS = 0x1000;
  static final long WITH_XATTRS = 0x10000000;
  static final long EXCLUDE_FILE = 0x1000000000000000L;
  static final long SHA512_256 = 0x2000000000000000L;
  static final long EXCLUDE_NODUMP = 0x8000000000000000L;

  /**
   * The feature flags desync's {@code tar} puts in every entry record, and ORs into the header of a
   * {@code .caidx} (where they add nothing to NODUMP and SHA512_256 but these bits).
   */
  public static final long TAR_FEATURE_FLAGS =
      WITH_32BIT_UIDS
          | WITH_NSEC_TIME
          | WITH_PERMISSIONS
          | WITH_SYMLINKS
          | WITH_DEVICE_NODES
          | WITH_FIFOS
          | WITH_SOCKETS
          | WITH_XATTRS
          | SHA512_256
          | EXCLUDE_NODUMP
          | EXCLUDE_FILE;

  /** Longest name, symlink target or extended attribute record body accepted when reading. */
  static final long MAX_TEXT_RECORD = 1 << 20;

  static final int S_IFMT = 0170000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFLNK = 0120000;
  static final int S_IFREG = 0100000;
  static final int S_IFBLK = 0060000;
  static final int S_IFDIR = 0040000;
  static final int S_IFCHR = 0020000;
  static final int S_IFIFO = 0010000;

  /** Permission bits plus setuid, setgid and sticky: what chmod takes. */
  static final int MODE_BITS = 07777;

  private CatarFormat() {}
}
