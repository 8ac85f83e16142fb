import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.ExtractPlan;
import org.vsekai.nebula.desync.Extractor;
import org.vsekai.nebula.desync.FileSeed;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.SeedSet;
import org.vsekai.nebula.desync.patch.PatchCodec;

/**
 * Helper of bench/delta-bench.sh (run as a single-file program on the desync module's class path,
 * not a test).
 *
 * <pre>
 * java -cp CP bench/DeltaBench.java gen V1_DIR V2_DIR SCALE
 *     writes the generated game-like tree, version 1 and 2 (fixed seed; SCALE 1 is about 60 MB,
 *     0.25 for --quick)
 * java -cp CP bench/DeltaBench.java run V1_DIR V2_DIR WORK_DIR RUNS
 *     measures Nebula's two routes for the update V1 -> V2 and prints, on stdout:
 *       result nebula-chunks BYTES SECONDS
 *       result nebula-best BYTES SECONDS
 *       publish PATCH_CPU_SECONDS CHANGED_BYTES
 *     and per-file details on stderr.
 * </pre>
 *
 * Chunk route: per changed file (new, or different from the same path in V1), in path order, the
 * distinct chunks of its index that neither V1's files (all of them, as seeds) nor the chunks
 * already fetched for this update hold; bytes on the wire are their compressed sizes as a Nebula
 * store keeps them (.cacnk, zstd level 3). Best-of route: per changed file the cheaper of that and
 * the zstd patch from the same path in V1 (PatchCodec.make at the service's default level, PatchCodec.DEFAULT_LEVEL); a file sent as a patch
 * fetches no chunks, so later files may fetch them. Apply time: the median of RUNS runs (after one
 * unmeasured run) of assembling every changed file into an empty folder from the seeds and a local
 * store holding exactly the fetched chunks (and applying the patches). Indexes, manifests and
 * unchanged files cost neither route anything here.
 */
public final class DeltaBench {
  static final ChunkSizes SIZES = ChunkSizes.DEFAULT;

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "gen" -> generate(Path.of(args[1]), Path.of(args[2]), Double.parseDouble(args[3]));
      case "run" -> run(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException("gen or run, not " + args[0]);
    }
  }

  // ---- the generated game-like tree ---------------------------------------------------------

  static void generate(Path v1, Path v2, double scale) throws IOException {
    Random r = new Random(20261126L);
    int mb = 1 << 20;
    Map<String, byte[]> a = new LinkedHashMap<>();
    Map<String, byte[]> b = new LinkedHashMap<>();

    // Textures: already-compressed blobs, incompressible.
    byte[] texRock = random(r, (int) (4 * mb * scale));
    byte[] texGrass = random(r, (int) (3 * mb * scale));
    byte[] texSky = random(r, (int) (5 * mb * scale));
    byte[] texHero = random(r, (int) (3 * mb * scale));
    a.put("textures/rock.ctex", texRock);
    a.put("textures/grass.ctex", texGrass);
    a.put("textures/sky.ctex", texSky);
    a.put("textures/hero.ctex", texHero);
    b.put("textures/rock.ctex", texRock); // unchanged
    b.put("textures/grass.ctex", random(r, texGrass.length)); // re-exported: all new bytes
    byte[] sky2 = texSky.clone(); // a region repainted in place
    System.arraycopy(random(r, 96 * 1024), 0, sky2, sky2.length / 3, 96 * 1024);
    b.put("textures/sky.ctex", sky2);
    b.put("textures/hero.ctex", texHero); // unchanged

    // The pack: many assets, some compressible (scenes, scripts, meshes as text), some not.
    List<byte[]> assets = new ArrayList<>();
    long packTarget = (long) (32 * mb * scale);
    String[] words = words(r, 600);
    for (long size = 0; size < packTarget; ) {
      byte[] asset = r.nextInt(3) == 0
          ? random(r, 16 * 1024 + r.nextInt(300 * 1024))
          : text(r, words, 8 * 1024 + r.nextInt(200 * 1024));
      assets.add(asset);
      size += asset.length;
    }
    a.put("game.pck", concat(assets));
    List<byte[]> assets2 = new ArrayList<>();
    for (byte[] x : assets) assets2.add(x.clone());
    int n = assets2.size();
    // Small in-place edits in a few assets (a tweaked value, a renamed node).
    for (int k = 0; k < 6; k++) {
      byte[] x = assets2.get((k * 7 + 3) % n);
      int at = r.nextInt(Math.max(1, x.length - 64));
      byte[] edit = text(r, words, 40);
      System.arraycopy(edit, 0, x, at, Math.min(edit.length, x.length - at));
    }
    // New assets inserted in the middle (content shifts), one replaced asset, one removed.
    assets2.add(n / 4, text(r, words, 120 * 1024));
    assets2.add(n / 2, random(r, 200 * 1024));
    assets2.set(3 * n / 4, text(r, words, assets2.get(3 * n / 4).length + 5000));
    assets2.remove(n / 8);
    // Appended data: a new level's assets at the end.
    assets2.add(random(r, (int) (mb * scale)));
    assets2.add(text(r, words, (int) (mb * scale)));
    b.put("game.pck", concat(assets2));

    // Unchanged files.
    byte[] music = random(r, (int) (6 * mb * scale));
    a.put("audio/music.bank", music);
    b.put("audio/music.bank", music);
    byte[] lib = text(r, words, (int) (2 * mb * scale));
    a.put("bin/libengine.so", lib);
    b.put("bin/libengine.so", lib);

    // A level removed and a new one added.
    a.put("levels/old_level.scn", text(r, words, (int) (mb * scale)));
    b.put("levels/new_level.scn", concat(List.of(text(r, words, (int) (mb * scale)), random(r, 256 * 1024))));

    // A small config with its version bumped.
    String cfg = "[application]\nname=\"Bench Game\"\nversion=\"1.0.0\"\n[rendering]\n"
        + new String(text(r, words, 2000), StandardCharsets.UTF_8) + "\n";
    a.put("project.cfg", cfg.getBytes(StandardCharsets.UTF_8));
    b.put("project.cfg", cfg.replace("1.0.0", "1.1.0").getBytes(StandardCharsets.UTF_8));

    write(v1, a);
    write(v2, b);
  }

  static void write(Path dir, Map<String, byte[]> files) throws IOException {
    FileTime t = FileTime.fromMillis(1_700_000_000_000L);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
      Files.setLastModifiedTime(p, t);
    }
  }

  static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static String[] words(Random r, int n) {
    String[] w = new String[n];
    for (int i = 0; i < n; i++) {
      char[] c = new char[3 + r.nextInt(8)];
      for (int j = 0; j < c.length; j++) c[j] = (char) ('a' + r.nextInt(26));
      w[i] = new String(c);
    }
    return w;
  }

  /** Text-like bytes: skewed word choice, numbers, line structure. */
  static byte[] text(Random r, String[] words, int n) {
    StringBuilder s = new StringBuilder(n + 32);
    while (s.length() < n) {
      int w = (int) (words.length * Math.pow(r.nextDouble(), 3));
      s.append(words[w]);
      int k = r.nextInt(16);
      s.append(k == 0 ? "\n" : k == 1 ? " = " + r.nextInt(100000) + "\n" : k == 2 ? ", " : " ");
    }
    s.setLength(n);
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(List<byte[]> parts) {
    int total = 0;
    for (byte[] p : parts) total += p.length;
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  // ---- the measurement ----------------------------------------------------------------------

  record Changed(String path, Path oldFile, Path newFile, ChunkIndex index) {}

  static void run(Path v1, Path v2, Path work, int runs) throws Exception {
    deleteTree(work);
    Files.createDirectories(work);
    Set<String> oldPaths = files(v1);
    Set<String> newPaths = files(v2);

    // The old release, as the client has it: its files and their indexes (from its manifest).
    List<FileSeed> seeds = new ArrayList<>();
    for (String p : oldPaths) {
      Path f = v1.resolve(p);
      seeds.add(new FileSeed(new IndexMaker(SIZES).make(f).index(), f));
    }
    SeedSet seedSet = SeedSet.of(seeds);

    // The new release as published: every changed file chunked into the server's store.
    LocalChunkStore server = new LocalChunkStore(work.resolve("server-store"));
    List<Changed> changed = new ArrayList<>();
    long changedBytes = 0;
    for (String p : newPaths) {
      Path nf = v2.resolve(p);
      Path of = oldPaths.contains(p) ? v1.resolve(p) : null;
      if (of != null && Files.mismatch(of, nf) == -1) continue;
      ChunkIndex index = new IndexMaker(SIZES).store(server).make(nf).index();
      changed.add(new Changed(p, of, nf, index));
      changedBytes += Files.size(nf);
    }
    System.err.printf("delta-bench: %d files in v1, %d in v2, %d changed (%d bytes), %d removed%n",
        oldPaths.size(), newPaths.size(), changed.size(), changedBytes,
        oldPaths.stream().filter(p -> !newPaths.contains(p)).count());

    // Patches from the same path in v1: the publish cost, on this one thread.
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, byte[]> patches = new LinkedHashMap<>();
    long patchCpu = 0;
    for (Changed c : changed) {
      if (c.oldFile() == null || !PatchCodec.canPatchFrom(Files.size(c.oldFile()))) continue;
      long t0 = mx.getCurrentThreadCpuTime();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PatchCodec.make(c.oldFile(), c.newFile(), out, PatchCodec.DEFAULT_LEVEL);
      patchCpu += mx.getCurrentThreadCpuTime() - t0;
      patches.put(c.path(), out.toByteArray());
    }

    // Chunk-only route.
    LocalChunkStore chunksClient = new LocalChunkStore(work.resolve("client-chunks"));
    Set<ChunkId> fetched = new HashSet<>();
    long chunkWire = 0;
    Map<String, Long> chunkCost = new LinkedHashMap<>();
    for (Changed c : changed) {
      long cost = fetch(c, seedSet, server, chunksClient, fetched);
      chunkCost.put(c.path(), cost);
      chunkWire += cost;
    }

    // Best-of route: the patch when it costs fewer bytes than the chunks still missing.
    LocalChunkStore bestClient = new LocalChunkStore(work.resolve("client-best"));
    Set<ChunkId> bestFetched = new HashSet<>();
    Set<String> patched = new TreeSet<>();
    long bestWire = 0;
    for (Changed c : changed) {
      long missing = missingCost(c, seedSet, server, bestFetched);
      byte[] patch = patches.get(c.path());
      String route;
      if (patch != null && patch.length < missing) {
        patched.add(c.path());
        bestWire += patch.length;
        route = "patch";
      } else {
        bestWire += fetch(c, seedSet, server, bestClient, bestFetched);
        route = "chunks";
      }
      System.err.printf("delta-bench:   %-40s %11d B  chunks %11d B  patch %11s B  -> %s%n",
          c.path(), Files.size(c.newFile()), chunkCost.get(c.path()),
          patch == null ? "-" : Long.toString(patch.length), route);
    }

    Extractor chunkExtractor = new Extractor(chunksClient).seeds(seeds);
    Extractor bestExtractor = new Extractor(bestClient).seeds(seeds);
    double chunkSeconds = time(runs, work.resolve("out-chunks"), out -> {
      for (Changed c : changed) chunkExtractor.extract(c.index(), out.resolve(c.path()));
    }, changed);
    double bestSeconds = time(runs, work.resolve("out-best"), out -> {
      for (Changed c : changed) {
        Path dst = out.resolve(c.path());
        if (patched.contains(c.path())) {
          Files.createDirectories(dst.getParent());
          try (InputStream in = new java.io.ByteArrayInputStream(patches.get(c.path()));
              OutputStream o = Files.newOutputStream(dst)) {
            PatchCodec.apply(c.oldFile(), in, o, Files.size(c.newFile()));
          }
        } else {
          bestExtractor.extract(c.index(), dst);
        }
      }
    }, changed);

    System.out.printf("result nebula-chunks %d %.4f%n", chunkWire, chunkSeconds);
    System.out.printf("result nebula-best %d %.4f%n", bestWire, bestSeconds);
    System.out.printf("publish %.4f %d%n", patchCpu / 1e9, changedBytes);
    System.out.printf("routes %d/%d changed files as patches%n", patched.size(), changed.size());
  }

  /** Compressed bytes of the chunks {@code c} lacks that were not fetched yet. */
  static long missingCost(Changed c, SeedSet seeds, LocalChunkStore server, Set<ChunkId> fetched)
      throws IOException {
    long cost = 0;
    for (ChunkId id : ExtractPlan.of(c.index(), seeds, null).idsToFetch()) {
      if (!fetched.contains(id)) cost += Files.size(server.chunkPath(id));
    }
    return cost;
  }

  /** Fetches what {@code c} lacks into {@code client}; returns the compressed bytes. */
  static long fetch(Changed c, SeedSet seeds, LocalChunkStore server, LocalChunkStore client,
      Set<ChunkId> fetched) {
    long cost = 0;
    for (ChunkId id : ExtractPlan.of(c.index(), seeds, null).idsToFetch()) {
      if (!fetched.add(id)) continue;
      byte[] compressed = server.getCompressed(id);
      cost += compressed.length;
      client.putCompressed(id, compressed);
    }
    return cost;
  }

  interface Apply {
    void into(Path out) throws Exception;
  }

  /** Median seconds of {@code runs} applies into an empty {@code out}, after one unmeasured. */
  static double time(int runs, Path out, Apply apply, List<Changed> changed) throws Exception {
    double[] s = new double[runs];
    for (int i = -1; i < runs; i++) {
      deleteTree(out);
      Files.createDirectories(out);
      long t0 = System.nanoTime();
      apply.into(out);
      if (i >= 0) s[i] = (System.nanoTime() - t0) / 1e9;
      if (i == -1) {
        for (Changed c : changed) {
          if (Files.mismatch(out.resolve(c.path()), c.newFile()) != -1) {
            throw new IllegalStateException(out.resolve(c.path()) + " differs from " + c.newFile());
          }
        }
      }
    }
    Arrays.sort(s);
    return s[(runs - 1) / 2];
  }

  static Set<String> files(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
    }
    return out;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
