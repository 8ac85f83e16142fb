package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
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
import org.vsekai.nebula.schema.SignedEnvelope;
import org.vsekai.nebula.schema.VersionRepository;

/**
 * Builds and signs release manifests at publication (with an expiry {@code lifetime} ahead), and
 * serves a version's manifest as it was signed then.
 */
public final class ManifestService {
  private final VersionRepository versions;
  private final SigningKeys keys;
  private final Duration lifetime;
  private final Clock clock;

  public ManifestService(
      VersionRepository versions, SigningKeys keys, Duration lifetime, Clock clock) {
    this.versions = versions;
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
        files,
        r.notes());
  }

  public SignedEnvelope sign(ReleaseManifest manifest) {
    SignedManifest signed = keys.signer().sign(manifest);
    return new SignedEnvelope(
        keys.keyId(),
        new String(ManifestJson.write(signed), StandardCharsets.UTF_8),
        now(),
        manifest.expires());
  }

  /**
   * The SignedManifest JSON of a version exactly as it was signed at publication. Never signed
   * again here: this answers anonymous readers, and a signature made on their request would let
   * anyone renew any manifest, a withdrawn one included. Freshness is the TUF timestamp's job.
   */
  public String currentEnvelope(String product, SemVer version) {
    return versions.manifest(product, version).manifest().envelope();
  }
}
