package org.vsekai.nebula.server.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.api.tuf.TargetFile;
import org.vsekai.nebula.schema.OfferedRelease;
import org.vsekai.nebula.schema.db.FilePatchRow;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.server.store.IndexStore;

/**
 * The releases offered now as TUF targets: each one's manifest, {@code
 * <product>/<version>/manifest.json}, with custom {@code {"product", "version", "modes"}}, and each
 * of its files' index, {@code <product>/<version>/files/<path>.caibx}, with custom {@code
 * {"product", "version"}}, and each patch made for it ({@link ReleaseTargets#patchPath}). The
 * manifest target is the ReleaseManifest JSON inside the envelope signed at publication, so its
 * hash never changes while the release is offered.
 */
public final class CatalogTargets {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogTargets.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final IndexStore indexes;

  public CatalogTargets(IndexStore indexes) {
    this.indexes = indexes;
  }

  /** The manifest bytes a release's manifest target stands for. */
  public static byte[] manifestPayload(String envelope) {
    return ManifestJson.read(envelope.getBytes(StandardCharsets.UTF_8), SignedManifest.class)
        .payloadBytes();
  }

  public List<TargetFile> of(List<OfferedRelease> offered) {
    List<TargetFile> out = new ArrayList<>();
    for (OfferedRelease r : offered) {
      ObjectNode release =
          JSON.objectNode().put("product", r.product()).put("version", r.version());
      ObjectNode manifest = release.deepCopy();
      r.modes().forEach(manifest.putArray("modes")::add);
      out.add(
          MetadataBuilder.target(
              ReleaseTargets.manifestPath(r.product(), r.version()),
              manifestPayload(r.manifestEnvelope()),
              manifest));
      for (VersionFileRow f : r.files()) {
        Long length = indexLength(f.indexSha256());
        if (length == null) {
          // Publishing checks every index is stored; one lost since cannot be downloaded, so
          // listing it would only make clients fail later.
          LOG.error(
              "index {} of {} {} file {} is missing from the index store; not listed",
              f.indexSha256(),
              r.product(),
              r.version(),
              f.path());
          continue;
        }
        out.add(
            new TargetFile(
                ReleaseTargets.indexPath(r.product(), r.version(), f.path()),
                length,
                Map.of("sha256", f.indexSha256()),
                release));
      }
      for (FilePatchRow p : r.patches()) {
        ObjectNode custom = release.deepCopy();
        custom
            .putObject("patch")
            .put("file", p.path())
            .put("from", p.fromVersion())
            .put("source_sha256", p.sourceSha256())
            .put("result_sha256", p.resultSha256())
            .put("chunk_bytes", p.chunkBytes())
            .put("chunk_raw_bytes", p.chunkRawBytes());
        out.add(
            new TargetFile(
                ReleaseTargets.patchPath(r.product(), r.version(), p.path(), p.fromVersion()),
                p.patchSize(),
                Map.of("sha256", p.patchSha256()),
                custom));
      }
    }
    return out;
  }

  // The index store is content-addressed and checks each upload's digest, so the name is the hash.
  private Long indexLength(String sha256) {
    try {
      return Files.size(indexes.path(sha256));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of index " + sha256, e);
    }
  }
}
