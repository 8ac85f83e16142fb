package org.vsekai.nebula.cli.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A sample V-Sekai build for the demo: an engine binary, Godot pack files, branded textures and the
 * small text files a release carries, a few hundred MB in all. {@link #nextVersion} makes the
 * following release the way real ones differ: patched code in the binary, one pack rebuilt in
 * places, new textures, one file dropped; about 5% of the bytes.
 */
public final class SampleGameBuilder {
  private static final Color VSEKAI_PURPLE = new Color(0x6C, 0x3E, 0xC1);
  private static final Color VSEKAI_TEAL = new Color(0x1E, 0xB8, 0xA6);

  private final long scaleBytes;

  /**
   * @param totalMegabytes roughly the size of the build
   */
  public SampleGameBuilder(int totalMegabytes) {
    this.scaleBytes = totalMegabytes * 1024L * 1024L;
  }

  public Path firstVersion(Path dir, String version) throws IOException {
    Files.createDirectories(dir);
    binary(dir.resolve("v-sekai.x86_64"), part(0.30), 1);
    dir.resolve("v-sekai.x86_64").toFile().setExecutable(true);
    pack(dir.resolve("v-sekai.pck"), part(0.25), 2);
    pack(dir.resolve("data/worlds.pck"), part(0.20), 3);
    pack(dir.resolve("data/avatars.pck"), part(0.15), 4);
    for (int i = 0; i < 8; i++) {
      texture(dir.resolve("textures/branding-" + i + ".png"), i, version);
    }
    text(
        dir.resolve("README.txt"),
        "V-Sekai " + version + "\nOpen-source social VR, built on Godot.\n");
    text(dir.resolve("LICENSE.txt"), "MIT License\n\nCopyright (c) V-Sekai contributors\n");
    text(
        dir.resolve("project.godot"),
        "[application]\nconfig/name=\"V-Sekai\"\nconfig/version=\"" + version + "\"\n");
    text(
        dir.resolve("release-notes-" + version + ".txt"),
        "V-Sekai " + version + ": first public demo build.\n");
    return dir;
  }

  /** The next release: copied from {@code previous}, then changed as a real release would be. */
  public Path nextVersion(Path previous, Path dir, String version) throws IOException {
    copyTree(previous, dir);
    SplittableRandom r = new SplittableRandom(version.hashCode());
    patch(dir.resolve("v-sekai.x86_64"), r, 24, 256 * 1024); // recompiled functions
    patch(dir.resolve("data/worlds.pck"), r, 20, 256 * 1024); // an edited world
    texture(dir.resolve("textures/branding-new-" + version + ".png"), 42, version);
    Files.deleteIfExists(dir.resolve("release-notes-" + previousVersionNotes(previous)));
    text(
        dir.resolve("README.txt"),
        "V-Sekai " + version + "\nOpen-source social VR, built on Godot.\n");
    text(
        dir.resolve("project.godot"),
        "[application]\nconfig/name=\"V-Sekai\"\nconfig/version=\"" + version + "\"\n");
    text(
        dir.resolve("release-notes-" + version + ".txt"),
        "V-Sekai " + version + ": faster worlds, new avatars.\n");
    return dir;
  }

  private String previousVersionNotes(Path previous) throws IOException {
    try (var s = Files.list(previous)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("release-notes-"))
          .map(n -> n.substring("release-notes-".length()))
          .findFirst()
          .orElse("none");
    }
  }

  private long part(double share) {
    return (long) (scaleBytes * share);
  }

  /** Code-like bytes: random words with repeated instruction patterns, as compilers emit. */
  private static void binary(Path file, long size, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    byte[][] idioms = new byte[64][];
    for (int i = 0; i < idioms.length; i++) {
      idioms[i] = new byte[8 + r.nextInt(24)];
      r.nextBytes(idioms[i]);
    }
    write(
        file,
        size,
        block -> {
          int i = 0;
          while (i < block.length) {
            if (r.nextInt(4) == 0) {
              byte[] idiom = idioms[r.nextInt(idioms.length)];
              int n = Math.min(idiom.length, block.length - i);
              System.arraycopy(idiom, 0, block, i, n);
              i += n;
            } else {
              block[i++] = (byte) r.nextInt(256);
            }
          }
        });
  }

  /** Pack files hold already-compressed assets: close to random. */
  private static void pack(Path file, long size, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    write(file, size, r::nextBytes);
  }

  static void texture(Path file, int seed, String version) throws IOException {
    Files.createDirectories(file.getParent());
    int w = 1024;
    int h = 512;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, VSEKAI_PURPLE, w, h, VSEKAI_TEAL));
    g.fillRect(0, 0, w, h);
    // Noise, as real textures have: it also keeps them from compressing to nothing.
    SplittableRandom r = new SplittableRandom(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int n = r.nextInt(48) - 24;
        int red = clamp(((rgb >> 16) & 0xff) + n);
        int green = clamp(((rgb >> 8) & 0xff) + n);
        int blue = clamp((rgb & 0xff) + n);
        img.setRGB(x, y, (red << 16) | (green << 8) | blue);
      }
    }
    g.setColor(Color.WHITE);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 96));
    g.drawString("V-Sekai", 60, 220);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
    g.drawString("social VR on Godot  -  " + version, 64, 300);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static void patch(Path file, SplittableRandom r, int spans, int span) throws IOException {
    byte[] data = Files.readAllBytes(file);
    for (int i = 0; i < spans; i++) {
      int at = r.nextInt(Math.max(1, data.length - span));
      byte[] noise = new byte[Math.min(span, data.length - at)];
      r.nextBytes(noise);
      System.arraycopy(noise, 0, data, at, noise.length);
    }
    Files.write(file, data);
  }

  private static void text(Path file, String content) throws IOException {
    Files.createDirectories(
        file.getParent() == null ? file.toAbsolutePath().getParent() : file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private interface Filler {
    void fill(byte[] block);
  }

  private static void write(Path file, long size, Filler filler) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        filler.fill(block);
        int n = (int) Math.min(block.length, left);
        out.write(block, 0, n);
        left -= n;
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        Files.createDirectories(t.getParent());
        Files.copy(f, t);
        if (Files.isExecutable(f)) {
          t.toFile().setExecutable(true);
        }
      }
    }
  }
}
