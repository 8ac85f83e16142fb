package org.vsekai.nebula.server.resources;

import com.codahale.metrics.Meter;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.schema.FilePatchRepository;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.schema.VersionRepository;
import org.vsekai.nebula.server.core.Names;
import org.vsekai.nebula.server.patches.PatchStore;
import org.vsekai.nebula.server.store.IndexStore;
import org.vsekai.nebula.server.tuf.CatalogTargets;

/**
 * {@code /api/v1/tuf/targets/}: the TUF targets under their consistent-snapshot names, the hash
 * before the file name: {@code <product>/<version>/<sha256>.manifest.json} (the manifest as signed
 * at publication) and {@code <product>/<version>/files/<dirs>/<sha256>.<name>.caibx} (a file's
 * index) and {@code <product>/<version>/patches/<dirs>/<sha256>.<name>.from-<version>.zst} (a
 * patch, which also answers {@code Range: bytes=N-[M]}). Anything whose bytes do not have the hash
 * in its name is 404, so a name always means the same bytes and caches may keep them for good.
 */
@Path("/api/v1/tuf/targets")
public final class TufTargetsResource {
  private static final Pattern MANIFEST = Pattern.compile("([0-9a-f]{64})\\.manifest\\.json");
  private static final Pattern INDEX = Pattern.compile("([0-9a-f]{64})\\.(.+)\\.caibx");
  private static final Pattern PATCH = Pattern.compile("([0-9a-f]{64})\\..+\\.from-.+\\.zst");
  private static final Pattern RANGE_FROM = Pattern.compile("bytes=([0-9]{1,18})-([0-9]{1,18})?");

  private final VersionRepository versions;
  private final IndexStore indexes;
  private final FilePatchRepository patches;
  private final PatchStore patchStore;
  private final Meter patchBytesServed;

  /**
   * @param patchBytesServed counts the patch bytes sent, as {@code store.chunks.served-bytes} does
   *     chunks'
   */
  public TufTargetsResource(
      VersionRepository versions,
      IndexStore indexes,
      FilePatchRepository patches,
      PatchStore patchStore,
      Meter patchBytesServed) {
    this.versions = versions;
    this.indexes = indexes;
    this.patches = patches;
    this.patchStore = patchStore;
    this.patchBytesServed = patchBytesServed;
  }

  @GET
  @Path("{path: .+}")
  @Timed
  public Response get(@PathParam("path") String path, @HeaderParam("Range") String range) {
    String[] parts = path.split("/", -1);
    if (parts.length < 3
        || Names.problem("product", parts[0]) != null
        || Arrays.stream(parts).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
      throw notFound(path);
    }
    SemVer version = version(parts[1], path);
    Matcher manifest = MANIFEST.matcher(parts[2]);
    if (parts.length == 3 && manifest.matches()) {
      byte[] payload =
          CatalogTargets.manifestPayload(
              versions.manifest(parts[0], version).manifest().envelope());
      if (!Sha256.hex(payload).equals(manifest.group(1))) {
        throw notFound(path);
      }
      return Response.ok(payload, MediaType.APPLICATION_JSON_TYPE)
          .header("Cache-Control", TufMetadataResource.IMMUTABLE)
          .build();
    }
    Matcher index = INDEX.matcher(parts[parts.length - 1]);
    if (parts.length >= 4 && parts[2].equals("files") && index.matches()) {
      String sha = index.group(1);
      String filePath =
          String.join("/", Arrays.copyOfRange(parts, 3, parts.length - 1))
              + (parts.length > 4 ? "/" : "")
              + index.group(2);
      // The file must be this version's and its index this one: the store is content-addressed,
      // so its name is the hash of its bytes.
      boolean listed =
          versions.manifest(parts[0], version).files().stream()
              .anyMatch(f -> f.path().equals(filePath) && f.indexSha256().equals(sha));
      java.nio.file.Path file = indexes.path(sha);
      if (!listed || !Files.isRegularFile(file)) {
        throw notFound(path);
      }
      return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
          .header("Cache-Control", TufMetadataResource.IMMUTABLE)
          .build();
    }
    Matcher patch = PATCH.matcher(parts[parts.length - 1]);
    if (parts.length >= 4 && parts[2].equals("patches") && patch.matches()) {
      String sha = patch.group(1);
      // Only a patch recorded for this version: the store is content-addressed, so a recorded
      // hash names exactly the bytes the signed targets describe.
      boolean listed =
          patches.patches(parts[0], version).stream().anyMatch(p -> p.patchSha256().equals(sha));
      java.nio.file.Path file = patchStore.path(sha);
      if (!listed || !Files.isRegularFile(file)) {
        throw notFound(path);
      }
      return ranged(file, range);
    }
    throw notFound(path);
  }

  /**
   * The file, or the part a {@code Range: bytes=N-} or {@code bytes=N-M} asks for (206): a patch of
   * tens of megabytes is fetched in pieces and resumes where a killed download stopped. Other range
   * forms get the whole file.
   */
  private Response ranged(java.nio.file.Path file, String range) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher from = range == null ? null : RANGE_FROM.matcher(range.strip());
    boolean partial = from != null && from.matches();
    long offset = partial ? Long.parseLong(from.group(1)) : 0;
    long end = partial && from.group(2) != null ? Long.parseLong(from.group(2)) + 1 : size;
    if (partial && (offset >= size || end <= offset)) {
      return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
    end = Math.min(end, size);
    Response.ResponseBuilder answer =
        partial
            ? Response.status(206)
                .header("Content-Range", "bytes " + offset + "-" + (end - 1) + "/" + size)
            : Response.ok().header("Accept-Ranges", "bytes");
    return answer
        .entity(sentAndCounted(file, offset, end))
        .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Content-Length", end - offset)
        .header("Cache-Control", TufMetadataResource.IMMUTABLE)
        .build();
  }

  /** Bytes {@code [offset, end)} of the file, counted as they go out, not as promised. */
  private StreamingOutput sentAndCounted(java.nio.file.Path file, long offset, long end) {
    return out -> {
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(offset);
        byte[] buffer = new byte[1 << 16];
        long left = end - offset;
        for (int n;
            left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
          out.write(buffer, 0, n);
          patchBytesServed.mark(n);
          left -= n;
        }
      }
    };
  }

  private static SemVer version(String text, String path) {
    try {
      return SemVer.parse(text);
    } catch (InvalidVersionException e) {
      throw notFound(path);
    }
  }

  private static RecordNotFoundException notFound(String path) {
    return new RecordNotFoundException("no TUF target named " + path);
  }
}
