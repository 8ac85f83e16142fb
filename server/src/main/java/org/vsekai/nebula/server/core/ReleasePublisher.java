package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.schema.NewRelease;
import org.vsekai.nebula.schema.PublishedVersion;
import org.vsekai.nebula.schema.ReleaseRepository;
import org.vsekai.nebula.schema.SignedEnvelope;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.server.store.ReleaseContentCheck;

/**
 * Registers a release: validate the request, check the stores hold everything it references, sign
 * its manifest, then write version, release period, files and manifest in one transaction.
 * Everything before the transaction only reads, so a refused or conflicting release leaves no
 * trace. Once it is written, the TUF targets are refreshed so clients see the release at once.
 */
public final class ReleasePublisher {
  private final ReleaseRepository releases;
  private final ReleaseContentCheck contentCheck;
  private final ManifestService manifests;
  private final Runnable afterPublish;
  private final BiConsumer<String, String> requestPatches;

  /**
   * @param afterPublish run after each release is stored (the TUF refresh); it must not throw
   * @param requestPatches asked, with product and version, to make the new release's patches in the
   *     background; it must not throw or wait
   */
  public ReleasePublisher(
      ReleaseRepository releases,
      ReleaseContentCheck contentCheck,
      ManifestService manifests,
      Runnable afterPublish,
      BiConsumer<String, String> requestPatches) {
    this.releases = releases;
    this.contentCheck = contentCheck;
    this.manifests = manifests;
    this.afterPublish = afterPublish;
    this.requestPatches = requestPatches;
  }

  public ReleaseInfo publish(ReleaseRequest request) {
    SemVer version = ReleaseRequestValidator.validate(request);
    contentCheck.check(request);
    ReleaseManifest manifest = manifests.manifestOf(request, version);
    SignedEnvelope envelope = manifests.sign(manifest);
    List<VersionFileRow> files =
        manifest.files().stream()
            .map(f -> new VersionFileRow(f.path(), f.size(), f.permissions(), f.indexSha256()))
            .toList();
    PublishedVersion registered =
        releases.register(
            new NewRelease(
                request.product(),
                version,
                request.mode(),
                request.executablePath(),
                request.validFrom(),
                files,
                envelope));
    afterPublish.run();
    requestPatches.accept(registered.product(), registered.version().toString());
    return new ReleaseInfo(
        registered.product(),
        registered.version().toString(),
        request.mode(),
        registered.validFrom(),
        ManifestJson.read(envelope.json().getBytes(StandardCharsets.UTF_8), SignedManifest.class));
  }
}
