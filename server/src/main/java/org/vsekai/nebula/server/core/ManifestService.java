package org.vsekai.nebula.server.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.schema.CatalogRepository;
import org.vsekai.nebula.schema.SignedEnvelope;
import org.vsekai.nebula.schema.db.ManifestRow;

/**
 * Builds and signs release manifests, and serves the current signature of a version's manifest.
 * Clients refuse expired manifests, so a manifest read when less than a quarter of its lifetime is
 * left, or signed by a key the service no longer uses, is signed again first (the same files, a
 * later expiry); the old signature stays in the table.
 */
public final class ManifestService {
  private final CatalogRepository catalog;
  private final SigningKeys keys;
  private final Duration lifetime;
  private final Clock clock;

  public ManifestService(
      CatalogRepository catalog, SigningKeys keys, Duration lifetime, Clock clock) {
    this.catalog = catalog;
    this.keys = keys;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The manifest of a release request (already validated), created now, files in path order. */
  public ReleaseManifest manifestOf(ReleaseRequest r, SemVer version) {
    Instant now = now();
    List<ManifestFile> files =
        r.files().stream().sorted(Comparator.comparing(ManifestFile::path)).toList();
    return new ReleaseManifest(
        ReleaseManifest.SCHEMA_VERSION,
        r.product(),
        version.toString(),
        r.mode(),
        now,
        now.plus(lifetime),
        r.chunking(),
        r.executablePath(),
        files);
  }

  public SignedEnvelope sign(ReleaseManifest manifest) {
    SignedManifest signed = keys.signer().sign(manifest);
    return new SignedEnvelope(
        keys.keyId(),
        new String(ManifestJson.write(signed), java.nio.charset.StandardCharsets.UTF_8),
        now(),
        manifest.expires());
  }

  /** The SignedManifest JSON of a version, re-signed first if it is due. */
  public String currentEnvelope(String product, SemVer version) {
    CatalogRepository.StoredManifest stored = catalog.manifest(product, version);
    ManifestRow row = stored.manifest();
    if (!due(row)) return row.envelope();
    SignedManifest old =
        ManifestJson.read(
            row.envelope().getBytes(java.nio.charset.StandardCharsets.UTF_8), SignedManifest.class);
    ReleaseManifest body = ManifestJson.read(old.payloadBytes(), ReleaseManifest.class);
    ReleaseManifest renewed =
        new ReleaseManifest(
            body.schemaVersion(),
            body.product(),
            body.version(),
            body.mode(),
            body.created(),
            now().plus(lifetime),
            body.chunking(),
            body.executablePath(),
            body.files());
    return catalog.resign(stored.version().id(), row.id(), sign(renewed)).envelope();
  }

  private boolean due(ManifestRow row) {
    if (!row.keyId().equals(keys.keyId())) return true;
    return Duration.between(now(), row.expiresAt()).compareTo(lifetime.dividedBy(4)) < 0;
  }
}
