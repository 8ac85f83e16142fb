package org.vsekai.nebula.activities;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.FileVerifier;
import org.vsekai.nebula.desync.patch.PatchCodec;
import org.vsekai.nebula.desync.patch.PatchException;

/**
 * Makes a changed file from its downloaded patch and the installed file, into a temporary beside
 * the staged file, and moves it into place only once it matches the file's index: the same check a
 * chunk-assembled file passes. Any doubt (no patch, another source, a patch that does not decode or
 * makes other bytes) answers false, named in the log, and the caller assembles from chunks.
 */
final class PatchApplier {
  private static final Logger LOG = LoggerFactory.getLogger(PatchApplier.class);

  private final LauncherFolder folder;

  PatchApplier(LauncherFolder folder) {
    this.folder = folder;
  }

  /**
   * @param written told the bytes written so far, for progress (and crash tests)
   * @return true if {@code out} now holds the file
   */
  boolean apply(
      StoredPlan plan,
      StoredPlan.PlannedPatch patch,
      ChunkIndex index,
      Path out,
      LongConsumer written)
      throws IOException {
    Path patchFile = PatchDownloader.file(folder, plan.planId(), patch);
    if (!Files.isRegularFile(patchFile)) {
      return refused(patch, "it was not downloaded");
    }
    Path source = folder.releaseDir(plan.fromReleaseId()).resolve(patch.path());
    if (!Files.isRegularFile(source) || !Sha256.hex(source).equals(patch.sourceSha256())) {
      return refused(patch, "the installed file is not the one it was made from");
    }
    Files.createDirectories(out.getParent());
    Path temporary = AtomicFiles.temporarySibling(out);
    try {
      try (InputStream in = Files.newInputStream(patchFile);
          FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream result = new Counting(Channels.newOutputStream(channel), written)) {
        PatchCodec.apply(source, in, result, index.length());
        result.flush();
        channel.force(true);
      } catch (PatchException e) {
        return refused(patch, e.getMessage());
      }
      if (Files.size(temporary) != index.length()
          || !FileVerifier.verify(index, temporary, 2).matches()) {
        return refused(patch, "it made a file that does not match the index");
      }
      AtomicFiles.moveIntoPlace(temporary, out);
      return true;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean refused(StoredPlan.PlannedPatch patch, String why) {
    LOG.warn(
        "patch {} for {} refused: {}; assembling from chunks", patch.name(), patch.path(), why);
    return false;
  }

  /** Tells how many bytes went through. */
  private static final class Counting extends FilterOutputStream {
    private final LongConsumer written;
    private long count;

    Counting(OutputStream out, LongConsumer written) {
      super(out);
      this.written = written;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
      written.accept(count);
    }
  }
}
