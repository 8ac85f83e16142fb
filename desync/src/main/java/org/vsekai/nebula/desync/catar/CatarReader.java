package org.vsekai.nebula.desync.catar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a catar stream into records, checking each record's size against its type. A stream that
 * ends inside a record is reported as truncated; nothing is read ahead of the current record.
 */
final class CatarReader {
  private final InputStream in;
  private final String name;
  private final byte[] word = new byte[8];
  private long position;
  private long payloadLeft;

  CatarReader(InputStream in, String name) {
    this.in = in;
    this.name = name;
  }

  long position() {
    return position;
  }

  String name() {
    return name;
  }

  CatarFormatException bad(String what) {
    return new CatarFormatException(name + " " + what);
  }

  /** The next record, or null where the stream ends cleanly between records. */
  CatarRecord next() throws IOException {
    skipPayload();
    long offset = position;
    int first = in.read();
    if (first < 0) {
      return null;
    }
    word[0] = (byte) first;
    readFully(word, 1, 7, "a record header");
    position += 8;
    long size = ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    long type = u64("a record header");
    if (Long.compareUnsigned(size, CatarFormat.HEADER_SIZE) < 0) {
      throw bad("has a record of impossible size " + Long.toUnsignedString(size) + at(offset));
    }
    long body = size - CatarFormat.HEADER_SIZE;
    if (type == CatarFormat.ENTRY) {
      expectSize(size, CatarFormat.ENTRY_SIZE, "entry", offset);
      long flags = u64("an entry record");
      long mode = u64("an entry record");
      u64("an entry record"); // chattr flags: desync neither sets nor restores them
      long uid = u64("an entry record");
      long gid = u64("an entry record");
      long mtime = u64("an entry record");
      return new CatarRecord.Entry(offset, new CatarEntry(flags, (int) mode, uid, gid, mtime));
    }
    if (type == CatarFormat.PAYLOAD) {
      payloadLeft = body;
      return new CatarRecord.Payload(offset, body);
    }
    if (type == CatarFormat.FILENAME) {
      return new CatarRecord.Filename(offset, utf8(text(body, "file name", offset), offset));
    }
    if (type == CatarFormat.SYMLINK) {
      return new CatarRecord.Symlink(offset, utf8(text(body, "symlink", offset), offset));
    }
    if (type == CatarFormat.XATTR) {
      byte[] t = text(body, "extended attribute", offset);
      int zero = indexOf(t, (byte) 0);
      if (zero < 0) {
        throw bad("has an extended attribute without a value" + at(offset));
      }
      byte[] key = Arrays.copyOf(t, zero);
      byte[] value = Arrays.copyOfRange(t, zero + 1, t.length);
      return new CatarRecord.XAttr(offset, key, value);
    }
    if (type == CatarFormat.DEVICE) {
      expectSize(size, CatarFormat.DEVICE_SIZE, "device", offset);
      return new CatarRecord.Device(offset, u64("a device record"), u64("a device record"));
    }
    if (type == CatarFormat.GOODBYE) {
      if (body % CatarFormat.GOODBYE_ITEM_SIZE != 0 || body < CatarFormat.GOODBYE_ITEM_SIZE) {
        throw bad("has a goodbye record of bad size " + Long.toUnsignedString(size) + at(offset));
      }
      // The items only help a reader seek; extraction streams, so only the tail is kept.
      skip(body - CatarFormat.GOODBYE_ITEM_SIZE, "a goodbye record");
      GoodbyeItem tail =
          new GoodbyeItem(
              u64("a goodbye record"), u64("a goodbye record"), u64("a goodbye record"));
      if (tail.hash() != CatarFormat.GOODBYE_TAIL_MARKER || tail.size() != size) {
        throw bad("has a goodbye record without its tail marker" + at(offset));
      }
      return new CatarRecord.Goodbye(offset, size, tail);
    }
    if (type == CatarFormat.USER
        || type == CatarFormat.GROUP
        || type == CatarFormat.SELINUX
        || type == CatarFormat.FCAPS
        || type == CatarFormat.ACL_USER
        || type == CatarFormat.ACL_GROUP
        || type == CatarFormat.ACL_GROUP_OBJ
        || type == CatarFormat.ACL_DEFAULT
        || type == CatarFormat.ACL_DEFAULT_USER
        || type == CatarFormat.ACL_DEFAULT_GROUP) {
      if (Long.compareUnsigned(body, CatarFormat.MAX_TEXT_RECORD) > 0) {
        throw bad("has an oversized metadata record" + at(offset));
      }
      skip(body, "a metadata record");
      return new CatarRecord.Ignored(offset, type);
    }
    throw bad("has an unknown record type " + Long.toHexString(type) + at(offset));
  }

  /** The contents of the payload record just returned; valid until the next {@link #next()}. */
  InputStream payload() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (payloadLeft == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, payloadLeft));
        if (n < 0) {
          throw truncated("a file's contents");
        }
        payloadLeft -= n;
        position += n;
        return n;
      }
    };
  }

  private void skipPayload() throws IOException {
    if (payloadLeft > 0) {
      long left = payloadLeft;
      payloadLeft = 0;
      skip(left, "a file's contents");
    }
  }

  private void skip(long n, String inWhat) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw truncated(inWhat);
      }
      n -= r;
      position += r;
    }
  }

  private byte[] text(long body, String what, long offset) throws IOException {
    if (body < 1 || body > CatarFormat.MAX_TEXT_RECORD) {
      throw bad("has a " + what + " record of bad size " + (body + 16) + at(offset));
    }
    byte[] b = new byte[(int) body];
    readFully(b, 0, b.length, "a " + what + " record");
    position += b.length;
    if (b[b.length - 1] != 0) {
      throw bad("has a " + what + " record without its end" + at(offset));
    }
    return Arrays.copyOf(b, b.length - 1);
  }

  private String utf8(byte[] b, long offset) {
    if (indexOf(b, (byte) 0) >= 0) {
      throw bad("has a name with a NUL byte" + at(offset));
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw bad("has a name that is not UTF-8" + at(offset));
    }
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private void expectSize(long size, long expected, String what, long offset) {
    if (size != expected) {
      throw bad(
          "has a " + what + " record of bad size " + Long.toUnsignedString(size) + at(offset));
    }
  }

  private long u64(String inWhat) throws IOException {
    readFully(word, 0, 8, inWhat);
    position += 8;
    return ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }

  private void readFully(byte[] b, int off, int len, String inWhat) throws IOException {
    while (len > 0) {
      int n = in.read(b, off, len);
      if (n < 0) {
        throw truncated(inWhat);
      }
      off += n;
      len -= n;
    }
  }

  private CatarFormatException truncated(String inWhat) {
    return bad("is truncated: it ends inside " + inWhat + " at byte " + position);
  }

  private static String at(long offset) {
    return " at byte " + offset;
  }
}
