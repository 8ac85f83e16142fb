package org.vsekai.nebula.desync.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.ExternalTool;

class PatchCodecTest {
  @TempDir Path dir;

  /** A "recompiled" file: the old bytes with inserts every few KiB, so every offset shifts. */
  private static byte[][] versions(int size, long seed) {
    Random random = new Random(seed);
    byte[] old = new byte[size];
    random.nextBytes(old);
    ByteArrayOutputStream next = new ByteArrayOutputStream();
    for (int i = 0; i < size; i += 4096) {
      next.write(old, i, Math.min(4096, size - i));
      byte[] insert = new byte[1 + random.nextInt(16)];
      random.nextBytes(insert);
      next.write(insert, 0, insert.length);
    }
    return new byte[][] {old, next.toByteArray()};
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] make(Path source, Path result) throws IOException {
    ByteArrayOutputStream patch = new ByteArrayOutputStream();
    PatchCodec.make(source, result, patch, 3);
    return patch.toByteArray();
  }

  @Test
  void aPatchOfShiftedBytesIsSmallAndRestoresTheResult() throws IOException {
    byte[][] v = versions(4 << 20, 1);
    Path old = write("old", v[0]);
    Path next = write("next", v[1]);
    byte[] patch = make(old, next);
    assertTrue(patch.length < v[1].length / 20, "patch of " + patch.length + " bytes");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatchCodec.apply(old, new ByteArrayInputStream(patch), out, v[1].length);
    assertArrayEquals(v[1], out.toByteArray());
  }

  @Test
  void aDamagedPatchIsRefused() throws IOException {
    byte[][] v = versions(1 << 20, 2);
    Path old = write("old", v[0]);
    byte[] patch = make(old, write("next", v[1]));
    patch[patch.length / 2] ^= 0x5a;
    assertThrows(
        PatchException.class,
        () ->
            PatchCodec.apply(
                old, new ByteArrayInputStream(patch), OutputStream.nullOutputStream(), 1L << 30));
  }

  @Test
  void aPatchAppliedToAnotherSourceIsRefused() throws IOException {
    byte[][] v = versions(1 << 20, 3);
    byte[] patch = make(write("old", v[0]), write("next", v[1]));
    byte[] other = v[0].clone();
    other[1000] ^= 1;
    Path wrong = write("wrong", other);
    assertThrows(
        PatchException.class,
        () ->
            PatchCodec.apply(
                wrong, new ByteArrayInputStream(patch), OutputStream.nullOutputStream(), 1L << 30));
  }

  @Test
  void aPatchThatWritesTooMuchIsStopped() throws IOException {
    byte[][] v = versions(1 << 20, 4);
    Path old = write("old", v[0]);
    byte[] patch = make(old, write("next", v[1]));
    PatchException e =
        assertThrows(
            PatchException.class,
            () ->
                PatchCodec.apply(
                    old, new ByteArrayInputStream(patch), OutputStream.nullOutputStream(), 1000));
    assertTrue(e.getMessage().contains("more than"), e.getMessage());
  }

  @Test
  @Tag("integration")
  void zstdAppliesOurPatchesAndWeApplyItsPatches() throws IOException {
    ExternalTool zstd = ExternalTool.require("zstd");
    byte[][] v = versions(2 << 20, 5);
    Path old = write("old", v[0]);
    Path next = write("next", v[1]);
    Path ours = Files.write(dir.resolve("ours.zst"), make(old, next));
    zstd.run(dir, "-q", "-d", "--long=31", "--patch-from=" + old, ours.toString(), "-o", "out");
    assertArrayEquals(v[1], Files.readAllBytes(dir.resolve("out")));

    zstd.run(dir, "-q", "--patch-from=" + old, next.toString(), "-o", "theirs.zst");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = Files.newInputStream(dir.resolve("theirs.zst"))) {
      assertEquals(v[1].length, PatchCodec.apply(old, in, out, v[1].length));
    }
    assertArrayEquals(v[1], out.toByteArray());
  }
}
