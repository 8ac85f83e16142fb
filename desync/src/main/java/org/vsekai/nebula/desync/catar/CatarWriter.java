package org.vsekai.nebula.desync.catar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes catar records to a stream and counts the bytes written, which goodbye records need. */
final class CatarWriter {
  private final OutputStream out;
  private final byte[] word = new byte[8];
  private long position;

  CatarWriter(OutputStream out) {
    this.out = out;
  }

  long position() {
    return position;
  }

  void entry(CatarEntry e) throws IOException {
    u64(CatarFormat.ENTRY_SIZE);
    u64(CatarFormat.ENTRY);
    u64(e.featureFlags());
    u64(Integer.toUnsignedLong(e.mode()));
    u64(0); // flags (chattr / DOS): desync writes none
    u64(e.uid());
    u64(e.gid());
    u64(e.mtimeNanos());
  }

  void xattr(byte[] name, byte[] value) throws IOException {
    u64(CatarFormat.HEADER_SIZE + name.length + 1 + value.length + 1);
    u64(CatarFormat.XATTR);
    bytes(name);
    bytes(new byte[] {0});
    bytes(value);
    bytes(new byte[] {0});
  }

  void filename(String name) throws IOException {
    text(CatarFormat.FILENAME, name.getBytes(StandardCharsets.UTF_8));
  }

  void symlink(byte[] target) throws IOException {
    text(CatarFormat.SYMLINK, target);
  }

  void device(long major, long minor) throws IOException {
    u64(CatarFormat.DEVICE_SIZE);
    u64(CatarFormat.DEVICE);
    u64(major);
    u64(minor);
  }

  /** A payload record of exactly {@code size} bytes copied from {@code data}. */
  void payload(long size, InputStream data, String what) throws IOException {
    u64(CatarFormat.HEADER_SIZE + size);
    u64(CatarFormat.PAYLOAD);
    byte[] buf = new byte[(int) Math.min(1 << 16, Math.max(1, size))];
    long left = size;
    while (left > 0) {
      int n = data.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException(what + " shrank while it was being archived");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    if (data.read() >= 0) {
      throw new IOException(what + " grew while it was being archived");
    }
    position += size;
  }

  /** A goodbye record: the arranged items, then the tail item pointing back at the entry. */
  void goodbye(List<GoodbyeItem> arranged, long entryStart) throws IOException {
    long size = CatarFormat.HEADER_SIZE + CatarFormat.GOODBYE_ITEM_SIZE * (arranged.size() + 1);
    long start = position;
    u64(size);
    u64(CatarFormat.GOODBYE);
    for (GoodbyeItem i : arranged) {
      u64(i.offset());
      u64(i.size());
      u64(i.hash());
    }
    u64(start - entryStart);
    u64(size);
    u64(CatarFormat.GOODBYE_TAIL_MARKER);
  }

  private void text(long type, byte[] body) throws IOException {
    u64(CatarFormat.HEADER_SIZE + body.length + 1);
    u64(type);
    bytes(body);
    bytes(new byte[] {0});
  }

  private void bytes(byte[] b) throws IOException {
    out.write(b);
    position += b.length;
  }

  private void u64(long v) throws IOException {
    for (int i = 0; i < 8; i++) {
      word[i] = (byte) (v >>> (8 * i));
    }
    out.write(word);
    position += 8;
  }
}
