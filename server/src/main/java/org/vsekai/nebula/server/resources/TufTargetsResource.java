package org.vsekai.nebula.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.CatalogRepository;
import org.vsekai.nebula.schema.FilePatchRepository;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.server.core.Names;
import org.vsekai.nebula.server.patches.PatchStore;
import org.vsekai.nebula.server.store.IndexStore;
import org.vsekai.nebula.server.tuf.CatalogTargets;

/**
 * {@code /api/v1/tuf/targets/}: the TUF targets under their consistent-snapshot names, the hash
 * before the file name: {@code <product>/<version>/<sha256>.manifest.json} (the manifest as signed
 * at publication) and {@code <product>/<version>/files/<dirs>/<sha256>.<name>.caibx} (a file's
 * index) and {@code <product>/<version>/patches/<dirs>/<sha256>.<name>.from-<version>.zst} (a
 * patch, which also answers {@code Range: bytes=N-}). Anything whose bytes do not have the hash in
 * its name is 404, so a name always means the same bytes and caches may keep them for good.
 */
@Path("/api/v1/tuf/targets")
public final class TufTargetsResource {
  private static final Pattern MANIFEST = Pattern.compile("([0-9a-f]{64})\\.manifest\\.json");
  private static final Pattern INDEX = Pattern.compile("([0-9a-f]{64})\\.(.+)\\.caibx");
  private static final Pattern PATCH = Pattern.compile("([0-9a-f]{64})\\..+\\.from-.+\\.zst");
  private static final Pattern RANGE_FROM = Pattern.compile("bytes=([0-9]{1,18})-");

  private final CatalogRepository catalog;
  private final IndexStore indexes;
  private final FilePatchRepository patches;
  private final PatchStore patchStore;

  public TufTargetsResource(
      CatalogRepository catalog,
      IndexStore indexes,
      FilePatchRepository patches,
      PatchStore patchStore) {
    this.catalog = catalog;
    this.indexes = indexes;
    this.patches = patches;
    this.patchStore = patchStore;
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
          CatalogTargets.manifestPayload(catalog.manifest(parts[0], version).manifest().envelope());
      if (!IndexStore.sha256Hex(payload).equals(manifest.group(1))) throw notFound(path);
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
          catalog.manifest(parts[0], version).files().stream()
              .anyMatch(f -> f.path().equals(filePath) && f.indexSha256().equals(sha));
      java.nio.file.Path file = indexes.path(sha);
      if (!listed || !Files.isRegularFile(file)) throw notFound(path);
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
      if (!listed || !Files.isRegularFile(file)) throw notFound(path);
      return ranged(file, range);
    }
    throw notFound(path);
  }

  /**
   * The file, or from the offset a {@code Range: bytes=N-} asks for (206): a patch of tens of
   * megabytes resumes where a killed download stopped. Other range forms get the whole file.
   */
  private static Response ranged(java.nio.file.Path file, String range) {
    long size;
    try {
      size = Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Matcher from = range == null ? null : RANGE_FROM.matcher(range.strip());
    if (from == null || !from.matches()) {
      return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
          .header("Accept-Ranges", "bytes")
          .header("Cache-Control", TufMetadataResource.IMMUTABLE)
          .build();
    }
    long offset = Long.parseLong(from.group(1));
    if (offset >= size) {
      return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
    jakarta.ws.rs.core.StreamingOutput body =
        out -> {
          try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ch.transferTo(offset, size - offset, java.nio.channels.Channels.newChannel(out));
          }
        };
    return Response.status(206)
        .entity(body)
        .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Content-Range", "bytes " + offset + "-" + (size - 1) + "/" + size)
        .header("Content-Length", size - offset)
        .header("Cache-Control", TufMetadataResource.IMMUTABLE)
        .build();
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
