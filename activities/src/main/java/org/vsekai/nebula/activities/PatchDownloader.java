package org.vsekai.nebula.activities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.desync.TransferListener;

/**
 * Downloads a planned patch into {@code .nebula/plans/<plan>.patches/<sha256>.zst}: appended to a
 * {@code .part} file one ranged piece at a time and resumed from its length, so a killed download
 * costs at most the piece in flight. Kept only if its length and SHA-256 are the signed ones; a
 * patch that fails them is dropped and its file is assembled from chunks instead, never from it.
 */
final class PatchDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(PatchDownloader.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Patches are fetched in pieces of this size, each its own ranged request: at most one piece is
   * in flight when a worker dies, as at most one chunk per fetch is, and no answer is unbounded.
   */
  static final int PIECE = 1 << 20;

  private final LauncherFolder folder;
  private final ServiceClient service;

  PatchDownloader(LauncherFolder folder, ServiceClient service) {
    this.folder = folder;
    this.service = service;
  }

  /** Where a plan's patch is once downloaded and checked. */
  static Path file(LauncherFolder folder, String planId, StoredPlan.PlannedPatch patch) {
    return folder.patches(planId).resolve(patch.sha256() + ".zst");
  }

  /**
   * Fetches the patch unless it is here already.
   *
   * @return true if the patch is in place and sound; false if it was refused (then the file is
   *     assembled from chunks)
   */
  boolean download(String planId, StoredPlan.PlannedPatch patch, TransferListener listener)
      throws IOException {
    Path done = file(folder, planId, patch);
    if (Files.isRegularFile(done) && Files.size(done) == patch.length()) {
      return true;
    }
    Files.createDirectories(done.getParent());
    Path part = done.resolveSibling(patch.sha256() + ".part");
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (have > patch.length()) {
      Files.delete(part);
      have = 0;
    }
    if (have < patch.length()) {
      fetch(patch, part, have, listener);
    }
    long got = Files.size(part);
    if (got < patch.length()) {
      // A cut connection: kept, and resumed from here by the next attempt.
      throw new IOException(
          "the download of patch "
              + patch.name()
              + " stopped at "
              + got
              + " of "
              + patch.length()
              + " bytes");
    }
    if (!Sha256.hex(part).equals(patch.sha256())) {
      Files.deleteIfExists(part);
      LOG.warn(
          "patch {} for {} refused: not the signed bytes; assembling from chunks",
          patch.name(),
          patch.path());
      return false;
    }
    AtomicFiles.moveIntoPlace(part, done);
    return true;
  }

  private void fetch(
      StoredPlan.PlannedPatch patch, Path part, long offset, TransferListener listener)
      throws IOException {
    URI uri = service.tufTargetsBase().resolve(encodedPath(patch.name()));
    long have = offset;
    while (have < patch.length()) {
      long end = Math.min(patch.length(), have + PIECE);
      have = fetchPiece(patch, uri, part, have, end, listener);
    }
  }

  /** Appends bytes {@code [from, end)} to the part file; returns its new length. */
  private long fetchPiece(
      StoredPlan.PlannedPatch patch,
      URI uri,
      Path part,
      long from,
      long end,
      TransferListener listener)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Range", "bytes=" + from + "-" + (end - 1))
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = service.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching patch " + patch.name(), e);
    }
    long start;
    long stop;
    if (response.statusCode() == 206) {
      start = from;
      stop = end;
    } else if (response.statusCode() == 200) {
      start = 0; // the whole patch: the server ignored the range
      stop = patch.length();
    } else {
      response.body().close();
      throw new IOException(
          "fetching patch " + patch.name() + " returned HTTP " + response.statusCode());
    }
    // Never more than asked for, whatever the server sends.
    long room = stop - start;
    try (InputStream in = response.body();
        OutputStream out =
            Files.newOutputStream(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; room > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, room))) > 0; ) {
        out.write(buffer, 0, n);
        room -= n;
        listener.received(n);
      }
    }
    long now = Files.size(part);
    if (now < stop) {
      throw new IOException(
          "the download of patch "
              + patch.name()
              + " stopped at "
              + now
              + " of "
              + patch.length()
              + " bytes");
    }
    return now;
  }

  private static String encodedPath(String name) {
    StringBuilder out = new StringBuilder();
    for (String segment : name.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }
}
