package org.vsekai.nebula.activities.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ManifestSigner;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.api.tuf.TargetFile;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkCodec;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.patch.PatchCodec;

/**
 * A stand-in for the updater service on loopback, speaking the same REST paths and desync's store
 * protocol over real HTTP, with releases published from build folders by our own engine. Faults a
 * test can arm: a manifest rewritten before it is served, a corrupt chunk, a store that refuses.
 * Releases are listed in TUF metadata ({@link FakeTufRepository}) as the real service lists them.
 */
public final class FakeReleaseService implements AutoCloseable {
  public static final ChunkSizes SIZES = new ChunkSizes(4096, 16384, 65536);

  private final Path root;
  private final LocalChunkStore store;
  private final KeyPair keys = Ed25519Keys.generate();
  private final ManifestSigner signer = new ManifestSigner(keys.getPrivate(), keys.getPublic());
  private final Map<String, SignedManifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> latestByMode = new ConcurrentHashMap<>();
  private final Map<String, List<String>> modesByVersion = new ConcurrentHashMap<>();
  private final FakeTufRepository tuf = new FakeTufRepository(keys);
  private final HttpServer server;
  private final AtomicLong chunkBytesServed = new AtomicLong();
  private volatile ChunkId corrupt;
  private volatile int storeRefusal;

  public FakeReleaseService(Path root) throws IOException {
    this.root = root;
    this.store = new LocalChunkStore(root.resolve("store"));
    Files.createDirectories(root.resolve("index"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public ServiceClient client() {
    return new ServiceClient(url(), null);
  }

  public String publicKey() {
    return Ed25519Keys.encode(keys.getPublic());
  }

  public long chunkBytesServed() {
    return chunkBytesServed.get();
  }

  public LocalChunkStore store() {
    return store;
  }

  /** Publishes a build folder as a version in a mode, signed with this service's key. */
  public ReleaseManifest publish(String version, String mode, Path build, Instant expires)
      throws IOException {
    return publish(version, mode, build, expires, m -> m);
  }

  /** Publishes, letting the test alter the manifest before it is signed. */
  public ReleaseManifest publish(
      String version, String mode, Path build, Instant expires, UnaryOperator<ReleaseManifest> edit)
      throws IOException {
    List<ManifestFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(build)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        ChunkIndex index = new IndexMaker(SIZES).store(store).make(f).index();
        byte[] caibx = CaibxWriter.toBytes(index);
        String sha = Sha256.hex(caibx);
        Files.write(root.resolve("index").resolve(sha + ".caibx"), caibx);
        String rel = build.relativize(f).toString().replace('\\', '/');
        files.add(
            new ManifestFile(rel, Files.size(f), Files.isExecutable(f) ? "0755" : "0644", sha));
      }
    }
    ReleaseManifest m =
        edit.apply(
            new ReleaseManifest(
                ReleaseManifest.SCHEMA_VERSION,
                "v-sekai",
                version,
                mode,
                Instant.now().minusSeconds(5),
                expires,
                new ReleaseManifest.ChunkingParameters(SIZES.min(), SIZES.avg(), SIZES.max()),
                "v-sekai",
                files));
    SignedManifest signed = signer.sign(m);
    serve(version, signed);
    modesByVersion.put(version, List.of(mode));
    signTargets(version, signed);
    String latest = latestByMode.get(mode);
    if (latest == null || SemVer.parse(version).compareTo(SemVer.parse(latest)) > 0) {
      latestByMode.put(mode, version);
    }
    return m;
  }

  private final Map<String, TargetFile> targets = new ConcurrentHashMap<>();

  /** Lists a release's manifest in newly signed targets metadata, as the real service does. */
  private synchronized void signTargets(String version, SignedManifest signed) {
    ObjectNode custom =
        JsonNodeFactory.instance.objectNode().put("product", "v-sekai").put("version", version);
    modesByVersion.get(version).forEach(custom.putArray("modes")::add);
    String path = ReleaseTargets.manifestPath("v-sekai", version);
    targets.put(path, MetadataBuilder.target(path, signed.payloadBytes(), custom));
    tuf.publish(targets.values());
  }

  /** The service's TUF repository, for tests that attack it. */
  public FakeTufRepository tuf() {
    return tuf;
  }

  /**
   * Serves an envelope as a version's manifest as it is (tampered, foreign-signed...), without
   * signing new targets metadata for it.
   */
  public void serve(String version, SignedManifest envelope) {
    manifests.put(version, envelope);
  }

  public SignedManifest manifest(String version) {
    return manifests.get(version);
  }

  public ManifestSigner signer() {
    return signer;
  }

  private final Map<String, byte[]> patchesBySha = new ConcurrentHashMap<>();
  private final AtomicLong patchBytesServed = new AtomicLong();
  private final List<String> patchRanges = new CopyOnWriteArrayList<>();
  private volatile boolean corruptPatchBytes;
  private volatile long cutPatchAfter = -1;

  /**
   * Makes the patch of {@code file} from {@code fromBuild} to {@code toBuild}, as the real service
   * does after publishing, and lists it in newly signed targets.
   *
   * @param edit changes the patch bytes before they are signed (a bad patch, signed)
   * @return the patch's SHA-256
   */
  public String publishPatch(
      String version,
      String file,
      String fromVersion,
      Path fromBuild,
      Path toBuild,
      UnaryOperator<byte[]> edit)
      throws IOException {
    Path source = fromBuild.resolve(file);
    Path result = toBuild.resolve(file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatchCodec.make(source, result, out, PatchCodec.DEFAULT_LEVEL);
    byte[] patch = edit.apply(out.toByteArray());
    String sha = Sha256.hex(patch);
    patchesBySha.put(sha, patch);
    // What the chunk route from the source costs, measured as the real service does.
    ChunkIndex from = new IndexMaker(SIZES).make(source).index();
    ChunkIndex to = new IndexMaker(SIZES).make(result).index();
    Set<ChunkId> have = from.distinctIds();
    long bytes = 0;
    long raw = 0;
    for (ChunkId id : to.distinctIds()) {
      if (have.contains(id)) {
        continue;
      }
      bytes += store.getCompressed(id).length;
    }
    for (var c : to.chunks()) {
      if (!have.contains(c.id())) {
        raw += c.size();
      }
    }
    ObjectNode custom =
        JsonNodeFactory.instance.objectNode().put("product", "v-sekai").put("version", version);
    custom
        .putObject("patch")
        .put("file", file)
        .put("from", fromVersion)
        .put("source_sha256", Sha256.hex(source))
        .put("result_sha256", Sha256.hex(result))
        .put("chunk_bytes", bytes)
        .put("chunk_raw_bytes", raw);
    String path = ReleaseTargets.patchPath("v-sekai", version, file, fromVersion);
    synchronized (this) {
      targets.put(path, new TargetFile(path, patch.length, Map.of("sha256", sha), custom));
      tuf.publish(targets.values());
    }
    return sha;
  }

  /** Patch bytes sent so far. */
  public long patchBytesServed() {
    return patchBytesServed.get();
  }

  /** The Range headers of patch requests, in order ("" for none). */
  public List<String> patchRanges() {
    return patchRanges;
  }

  /** From now on, patches are served with one byte flipped (not the signed bytes). */
  public void corruptPatchBytes(boolean on) {
    corruptPatchBytes = on;
  }

  /** The next patch response stops after this many bytes, as a killed connection does. */
  public void cutNextPatchAfter(long bytes) {
    cutPatchAfter = bytes;
  }

  private void servePatch(HttpExchange ex, String sha) throws IOException {
    byte[] patch = patchesBySha.get(sha);
    if (patch == null) {
      json(ex, 404, new ErrorBody("no patch " + sha));
      return;
    }
    if (corruptPatchBytes) {
      patch = patch.clone();
      patch[patch.length / 2] ^= 0x40;
    }
    String range = ex.getRequestHeaders().getFirst("Range");
    patchRanges.add(range == null ? "" : range);
    int from = 0;
    int end = patch.length;
    int status = 200;
    Matcher m = Pattern.compile("bytes=([0-9]+)-([0-9]*)").matcher(range == null ? "" : range);
    if (m.matches()) {
      from = Integer.parseInt(m.group(1));
      if (!m.group(2).isEmpty()) {
        end = Math.min(end, Integer.parseInt(m.group(2)) + 1);
      }
      status = 206;
      ex.getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + (end - 1) + "/" + patch.length);
    }
    long cut = cutPatchAfter;
    cutPatchAfter = -1;
    int length = end - from;
    ex.sendResponseHeaders(status, length);
    int send = cut >= 0 ? (int) Math.min(cut, length) : length;
    ex.getResponseBody().write(patch, from, send);
    patchBytesServed.addAndGet(send);
    if (send < length) {
      ex.getResponseBody().close(); // the connection dies mid-body
    }
  }

  /** From now on, this chunk is served with the wrong bytes; null to serve it right again. */
  public void corruptChunk(ChunkId id) {
    corrupt = id;
  }

  /** From now on, every chunk request is answered with this status; 0 to serve them again. */
  public void refuseChunks(int status) {
    storeRefusal = status;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String[] p = path.split("/");
      if (path.startsWith("/store/") && p.length == 4) {
        ChunkId id = ChunkId.fromHex(p[3].replace(".cacnk", ""));
        if (storeRefusal != 0) {
          json(ex, storeRefusal, new ErrorBody("refused"));
          return;
        }
        if (!store.has(id)) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body =
            id.equals(corrupt)
                ? ChunkCodec.compress(new byte[] {1, 2, 3})
                : store.getCompressed(id);
        if (ex.getRequestMethod().equals("HEAD")) {
          ex.sendResponseHeaders(200, -1);
          return;
        }
        chunkBytesServed.addAndGet(body.length);
        send(ex, 200, body);
      } else if (path.startsWith("/index/") && p.length == 3) {
        Path f = root.resolve("index").resolve(p[2]);
        if (!Files.exists(f)) {
          json(ex, 404, new ErrorBody("no such index"));
          return;
        }
        send(ex, 200, Files.readAllBytes(f));
      } else if (path.startsWith("/api/v1/tuf/metadata/") && p.length == 6) {
        Optional<byte[]> file = tuf.get(p[5]);
        if (file.isEmpty()) {
          json(ex, 404, new ErrorBody("no metadata " + p[5]));
        } else {
          send(ex, 200, file.get());
        }
      } else if (path.matches("/api/v1/tuf/targets/v-sekai/[^/]+/[0-9a-f]{64}\\.manifest\\.json")) {
        SignedManifest m = manifests.get(p[6]);
        if (m == null) {
          json(ex, 404, new ErrorBody("no version " + p[6]));
        } else {
          send(ex, 200, m.payloadBytes());
        }
      } else if (path.matches(
          "/api/v1/tuf/targets/v-sekai/[^/]+/patches/(.+/)?[0-9a-f]{64}\\..+\\.zst")) {
        servePatch(ex, p[p.length - 1].substring(0, 64));
      } else if (path.matches("/api/v1/products/[^/]+/modes/[^/]+/latest")) {
        String v = latestByMode.get(p[6]);
        if (v == null) {
          json(ex, 404, new ErrorBody("no version of " + p[4] + " is offered in mode " + p[6]));
        } else {
          json(ex, 200, info(v));
        }
      } else if (path.matches("/api/v1/products/[^/]+/versions/[^/]+/manifest")) {
        SignedManifest m = manifests.get(p[6]);
        if (m == null) {
          json(ex, 404, new ErrorBody("no version " + p[6]));
        } else {
          json(ex, 200, m);
        }
      } else if (path.matches("/api/v1/products/[^/]+/versions/[^/]+")) {
        if (!manifests.containsKey(p[6])) {
          json(ex, 404, new ErrorBody("no version " + p[6]));
        } else {
          json(ex, 200, info(p[6]));
        }
      } else {
        json(ex, 404, new ErrorBody("no route " + path));
      }
    }
  }

  private static VersionInfo info(String version) {
    return new VersionInfo(
        "v-sekai", version, "v-sekai", Instant.now(), Instant.now(), null, List.of("stable"));
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    send(ex, status, ManifestJson.write(body));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
