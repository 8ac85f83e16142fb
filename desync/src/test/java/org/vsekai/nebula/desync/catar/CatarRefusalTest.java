package org.vsekai.nebula.desync.catar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.nebula.desync.testing.TestData;

/** Archives that are cut short, malformed, or crafted to write outside the target are refused. */
class CatarRefusalTest {
  @TempDir Path dir;

  private static final CatarEntry DIR =
      new CatarEntry(CatarFormat.TAR_FEATURE_FLAGS, CatarFormat.S_IFDIR | 0755, 0, 0, 0);
  private static final CatarEntry FILE =
      new CatarEntry(CatarFormat.TAR_FEATURE_FLAGS, CatarFormat.S_IFREG | 0644, 0, 0, 0);
  private static final CatarEntry LINK =
      new CatarEntry(CatarFormat.TAR_FEATURE_FLAGS, CatarFormat.S_IFLNK | 0777, 0, 0, 0);

  private interface Records {
    void write(CatarWriter w) throws IOException;
  }

  private static byte[] archive(Records r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.write(new CatarWriter(out));
    return out.toByteArray();
  }

  private static void file(CatarWriter w, String name, String content) throws IOException {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    w.filename(name);
    w.entry(FILE);
    w.payload(b.length, new ByteArrayInputStream(b), name);
  }

  private void untar(byte[] archive, Path target) {
    new CatarDecoder().noSameOwner(true).decode(new ByteArrayInputStream(archive), target, "x");
  }

  private CatarFormatException refused(byte[] archive, Path target) {
    Throwable t = Assertions.catchThrowable(() -> untar(archive, target));
    assertThat(t).isInstanceOf(CatarFormatException.class);
    assertThat(t.getMessage()).doesNotContain("\n");
    return (CatarFormatException) t;
  }

  /** Everything under the test folder, to show nothing was written outside the target. */
  private List<String> everything() throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private byte[] smallTree() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("src"));
    TestData.write(tree.resolve("f"), TestData.random(1, 100_000));
    Files.createDirectories(tree.resolve("d"));
    TestData.write(tree.resolve("d/g"), "g".getBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CatarEncoder().encode(tree, out);
    return out.toByteArray();
  }

  @Test
  void truncatedArchivesAreRefusedWhereverTheyAreCut() throws Exception {
    byte[] whole = smallTree();
    // The root's goodbye record lists two children plus its tail: 16 + 3 * 24 bytes. Cutting it
    // off leaves a stream of whole records that just stops inside the root folder.
    int[] cuts = {5, 64 + 8, 50_000, whole.length - 88, whole.length - 1};
    for (int cut : cuts) {
      CatarFormatException e = refused(Arrays.copyOf(whole, cut), dir.resolve("out-" + cut));
      assertThat(e.getMessage()).as("cut at " + cut).contains("truncated");
    }
    untar(whole, dir.resolve("out-whole"));
    assertThat(dir.resolve("out-whole/d/g")).hasContent("g");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"..", ".", "", "a/b", "../escaped", "/abs", "a\\b"})
  void namesThatAreNotOnePlainComponentAreRefused(String name) throws Exception {
    Files.createDirectories(dir.resolve("t/inner"));
    byte[] bad =
        archive(
            w -> {
              w.entry(DIR);
              file(w, "ok", "fine");
              file(w, name, "pwned");
              w.goodbye(List.of(), 0);
            });
    List<String> before = everything();
    CatarFormatException e = refused(bad, dir.resolve("t/inner"));
    assertThat(e.getMessage()).contains("unsafe file name");
    assertThat(everything()).containsExactlyElementsOf(plus(before, "t/inner/ok"));
  }

  private static List<String> plus(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.add(item);
    out.sort(null);
    return out;
  }

  @Test
  void aFolderThroughAnArchivedSymlinkIsRefused() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    byte[] bad =
        archive(
            w -> {
              w.entry(DIR);
              w.filename("evil");
              w.entry(LINK);
              w.symlink(outside.toString().getBytes(StandardCharsets.UTF_8));
              w.filename("evil");
              long start = w.position();
              w.entry(DIR);
              file(w, "planted", "pwned");
              w.goodbye(List.of(), start);
              w.goodbye(List.of(), 0);
            });
    CatarFormatException e = refused(bad, dir.resolve("t"));
    assertThat(e.getMessage()).contains("exists and is not a directory");
    assertThat(outside.resolve("planted")).doesNotExist();
  }

  @Test
  void aFileOverAnArchivedSymlinkReplacesTheLinkNotItsTarget() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "keep");
    byte[] archive =
        archive(
            w -> {
              w.entry(DIR);
              w.filename("s");
              w.entry(LINK);
              w.symlink(victim.toString().getBytes(StandardCharsets.UTF_8));
              file(w, "s", "pwned");
              w.goodbye(List.of(), 0);
            });
    untar(archive, dir.resolve("t"));
    assertThat(victim).hasContent("keep");
    assertThat(dir.resolve("t/s")).isRegularFile().hasContent("pwned");
  }

  @Test
  void otherMalformedStreamsAreRefusedWithOneLine() throws Exception {
    byte[] whole = smallTree();
    byte[] trailing = Arrays.copyOf(whole, whole.length + 64);
    System.arraycopy(whole, 0, trailing, whole.length, 64);
    assertThat(refused(trailing, dir.resolve("a")).getMessage()).contains("after the end");

    byte[] device =
        archive(
            w -> {
              w.entry(DIR);
              w.filename("null");
              w.entry(
                  new CatarEntry(
                      CatarFormat.TAR_FEATURE_FLAGS, CatarFormat.S_IFCHR | 0666, 0, 0, 0));
              w.device(1, 3);
              w.goodbye(List.of(), 0);
            });
    assertThat(refused(device, dir.resolve("b")).getMessage()).contains("device node null");

    byte[] singleFile =
        archive(
            w -> {
              w.entry(FILE);
              w.payload(1, new ByteArrayInputStream(new byte[] {1}), "x");
            });
    assertThat(refused(singleFile, dir.resolve("c")).getMessage()).contains("not a folder");

    byte[] garbage = TestData.random(2, 4096);
    assertThat(refused(garbage, dir.resolve("d")).getMessage()).startsWith("x ");

    byte[] hugeName = Arrays.copyOf(archive(w -> w.entry(DIR)), 64 + 16);
    ByteBuffer.wrap(hugeName, 64, 16)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(1L << 40)
        .putLong(CatarFormat.FILENAME);
    assertThat(refused(hugeName, dir.resolve("e")).getMessage()).contains("bad size");

    assertThat(refused(new byte[0], dir.resolve("f")).getMessage()).contains("empty");
  }
}
