package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.tuf.TufRefusal.Reason;

/**
 * Nebula's releases as the signed targets metadata lists them: {@code <product>/<version>/
 * manifest.json} with custom {@code {"product", "version", "modes"}}, and each file's index as
 * {@code <product>/<version>/files/<path>.caibx}. "The latest version of a mode" is read here, from
 * signed metadata only.
 */
public final class ReleaseTargets {
  private final TufUpdater updater;

  /** {@code updater} has been refreshed. */
  public ReleaseTargets(TufUpdater updater) {
    this.updater = updater;
  }

  public static String manifestPath(String product, String version) {
    return product + "/" + version + "/manifest.json";
  }

  public static String indexPath(String product, String version, String filePath) {
    return product + "/" + version + "/files/" + filePath + ".caibx";
  }

  /**
   * A patch that turns {@code filePath} of {@code fromVersion} into that of {@code version}: {@code
   * <product>/<version>/patches/<path>.from-<fromVersion>.zst}, with custom {@code {"product",
   * "version", "patch": {"file", "from", "source_sha256", "result_sha256", "chunk_bytes",
   * "chunk_raw_bytes"}}}.
   */
  public static String patchPath(
      String product, String version, String filePath, String fromVersion) {
    return product + "/" + version + "/patches/" + filePath + ".from-" + fromVersion + ".zst";
  }

  /**
   * The signed patch of a file from the installed version, if the targets list one whose custom
   * fields name exactly this file, source and release.
   */
  public Optional<PatchTarget> patch(
      String product, String version, String filePath, String fromVersion) {
    return updater
        .target(patchPath(product, version, filePath, fromVersion))
        .filter(t -> product.equals(t.custom("product")) && version.equals(t.custom("version")))
        .flatMap(t -> PatchTarget.of(t, filePath, fromVersion))
        .map(p -> p.withName(updater.targetName(p.target())));
  }

  /** The highest version of {@code product} the signed targets offer in {@code mode}. */
  public Optional<String> latest(String product, String mode) {
    SemVer best = null;
    for (TargetFile t : updater.targets().targets().values()) {
      if (!t.path().endsWith("/manifest.json")
          || !product.equals(t.custom("product"))
          || !inMode(t, mode)
          || !t.path().equals(manifestPath(product, String.valueOf(t.custom("version"))))) {
        continue;
      }
      try {
        SemVer v = SemVer.parse(t.custom("version"));
        if (best == null || v.compareTo(best) > 0) {
          best = v;
        }
      } catch (InvalidVersionException e) {
        // A target whose version does not parse is never offered.
      }
    }
    return Optional.ofNullable(best).map(SemVer::toString);
  }

  /**
   * The manifest target of a release, refused unless the signed targets list it for this product
   * and, when {@code mode} is given, offer it in that mode.
   */
  public TargetFile manifest(String product, String version, String mode) {
    TargetFile t =
        updater
            .target(manifestPath(product, version))
            .orElseThrow(
                () ->
                    new TufRefusal(
                        Reason.UNKNOWN_TARGET,
                        "the signed targets list no " + product + " " + version));
    if (!product.equals(t.custom("product")) || !version.equals(t.custom("version"))) {
      throw new TufRefusal(
          Reason.WRONG_TARGET,
          "target "
              + t.path()
              + " is signed for "
              + t.custom("product")
              + " "
              + t.custom("version"));
    }
    if (mode != null && !inMode(t, mode)) {
      throw new TufRefusal(
          Reason.WRONG_TARGET,
          product
              + " "
              + version
              + " is not signed for mode "
              + mode
              + ", only "
              + t.custom().path("modes"));
    }
    return t;
  }

  /** The target's bytes, checked against its signed length and hashes. */
  public byte[] download(TargetFile target) throws IOException {
    return updater.download(target);
  }

  private static boolean inMode(TargetFile t, String mode) {
    JsonNode modes = t.custom().path("modes");
    if (!modes.isArray()) {
      return false;
    }
    for (JsonNode m : modes) {
      if (mode.equals(m.asText())) {
        return true;
      }
    }
    return false;
  }
}
