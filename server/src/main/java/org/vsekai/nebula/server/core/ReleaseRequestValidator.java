package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SafeRelativePath;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.desync.ChunkSizes;

/**
 * The checks a release request must pass before anything is read from the stores: everything a
 * client's {@code ManifestVerifier} would later refuse is refused here first, so the service never
 * signs a manifest its clients cannot install.
 */
public final class ReleaseRequestValidator {
  static final int MAX_FILES = 1_000_000;
  private static final Pattern PERMISSIONS = Pattern.compile("0?[0-7]{3}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private ReleaseRequestValidator() {}

  /** The request's version, or {@link InvalidRequestException} naming the first problem. */
  public static SemVer validate(ReleaseRequest r) {
    if (r == null) {
      throw new InvalidRequestException("the release request body is missing");
    }
    require(Names.problem("product", r.product()));
    require(Names.problem("mode", r.mode()));
    SemVer version;
    try {
      version = SemVer.parse(r.version());
    } catch (InvalidVersionException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    if (r.chunking() == null) {
      throw new InvalidRequestException("chunking (min, avg, max) is missing");
    }
    try {
      new ChunkSizes(r.chunking().min(), r.chunking().avg(), r.chunking().max());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    validateFiles(r.files());
    if (r.executablePath() != null
        && r.files().stream().noneMatch(f -> f.path().equals(r.executablePath()))) {
      throw new InvalidRequestException(
          "executablePath '" + r.executablePath() + "' is not one of the release's files");
    }
    validateNotes(r.notes());
    return version;
  }

  /** Notes are text a player reads: bounded, and no control characters but line breaks and tabs. */
  private static void validateNotes(String notes) {
    if (notes == null) {
      return;
    }
    if (notes.getBytes(StandardCharsets.UTF_8).length > ReleaseManifest.MAX_NOTES_BYTES) {
      throw new InvalidRequestException(
          "notes are longer than " + ReleaseManifest.MAX_NOTES_BYTES + " bytes");
    }
    for (int i = 0; i < notes.length(); i++) {
      char c = notes.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
        throw new InvalidRequestException("notes contain a control character at " + i);
      }
    }
  }

  private static void validateFiles(List<ManifestFile> files) {
    if (files == null || files.isEmpty()) {
      throw new InvalidRequestException("a release needs at least one file");
    }
    if (files.size() > MAX_FILES) {
      throw new InvalidRequestException("a release may have at most " + MAX_FILES + " files");
    }
    for (ManifestFile f : files) {
      if (f == null) {
        throw new InvalidRequestException("files contains a null entry");
      }
      String problem = SafeRelativePath.problem(f.path());
      if (problem != null) {
        throw new InvalidRequestException("file path '" + f.path() + "' is unsafe: " + problem);
      }
      if (f.size() < 0) {
        throw new InvalidRequestException("file '" + f.path() + "' has a negative size");
      }
      if (f.permissions() == null || !PERMISSIONS.matcher(f.permissions()).matches()) {
        throw new InvalidRequestException(
            "file '"
                + f.path()
                + "' has permissions '"
                + f.permissions()
                + "', expected octal such as 0644");
      }
      if (f.indexSha256() == null || !SHA256.matcher(f.indexSha256()).matches()) {
        throw new InvalidRequestException(
            "file '" + f.path() + "' needs indexSha256 as 64 lowercase hex digits");
      }
    }
    String collision = SafeRelativePath.collision(files.stream().map(ManifestFile::path).toList());
    if (collision != null) {
      throw new InvalidRequestException("file paths clash: " + collision);
    }
  }

  private static void require(String problem) {
    if (problem != null) {
      throw new InvalidRequestException(problem);
    }
  }
}
