package org.vsekai.nebula.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.local.NotAnInstallException;
import org.vsekai.nebula.activities.registry.RegistryValues;
import org.vsekai.nebula.activities.registry.RegistryWriter;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.ManifestRejectedException;
import org.vsekai.nebula.api.tuf.TufRefusal;
import org.vsekai.nebula.desync.ChunkFetcher;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.ApplyHeartbeat;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.ApplyResult;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingRequest;
import org.vsekai.nebula.workflows.activities.DiscardStagingResult;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchResult;
import org.vsekai.nebula.workflows.activities.DownloadHeartbeat;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.FinalizeResult;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.RegistryRequest;
import org.vsekai.nebula.workflows.activities.RegistryResult;
import org.vsekai.nebula.workflows.activities.UpdateActivities;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * The update's client-side activities for one launcher folder: a thin adapter from Temporal to the
 * plain classes that do the work, which heartbeats and turns failures retrying cannot fix into
 * non-retryable failures of the types in {@link UpdateFailures}.
 */
public final class UpdateActivitiesImpl implements UpdateActivities {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateActivitiesImpl.class);
  private final LauncherFolder folder;
  private final ServiceClient service;
  private final RegistryWriter registry;
  private final Clock clock;
  private final DiskSpace disk;
  private final String uninstallCommand;
  private final PrivateText privateText;

  public UpdateActivitiesImpl(
      LauncherFolder folder,
      ServiceClient service,
      RegistryWriter registry,
      Clock clock,
      DiskSpace disk,
      String uninstallCommand) {
    this.folder = folder;
    this.service = service;
    this.registry = registry;
    this.clock = clock;
    this.disk = disk;
    this.uninstallCommand = uninstallCommand;
    this.privateText = PrivateText.forInstall(folder.root());
  }

  /** For a player's machine: the real clock, disk and registry. */
  public static UpdateActivitiesImpl forInstall(
      LauncherFolder folder, ServiceClient service, String uninstallCommand) {
    return new UpdateActivitiesImpl(
        folder,
        service,
        RegistryWriter.forThisMachine(),
        Clock.systemUTC(),
        DiskSpace.REAL,
        uninstallCommand);
  }

  @Override
  public CheckResult check(CheckRequest r) {
    return failuresMapped(
        () -> {
          InstallPolicy.admit(folder, r.installId(), r.product(), r.mode());
          return new UpdateChecker(folder, service, clock)
              .check(r.product(), r.mode(), r.targetVersion());
        });
  }

  @Override
  public UpdatePlan prepare(PrepareRequest r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    UpdatePlanner planner = new UpdatePlanner(folder, service, clock, disk);
    return failuresMapped(
        () -> {
          StoredPlan p =
              Heartbeats.during(
                  ctx,
                  planner.bytesRehashed::get,
                  () -> {},
                  () ->
                      planner.prepare(
                          new UpdatePlanner.Request(
                              r.installId(),
                              r.product(),
                              r.mode(),
                              r.toVersion(),
                              r.allowDowngrade())));
          return new UpdatePlan(
              p.planId(),
              p.toVersion(),
              p.changed().size(),
              p.unchanged().size(),
              p.removed().size(),
              p.itemsToDownload(),
              p.bytesToDownload(),
              p.bytesToStage());
        });
  }

  @Override
  public DownloadBatchResult downloadChunks(DownloadBatchRequest r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    long fetchedBefore =
        ctx.getHeartbeatDetails(DownloadHeartbeat.class)
            .filter(h -> h.batchIndex() == r.batchIndex())
            .map(DownloadHeartbeat::bytesFetched)
            .orElse(0L);
    ChunkDownloader.Progress p = new ChunkDownloader.Progress();
    ProgressFile progressFile = new ProgressFile(folder, clock);
    return failuresMapped(
        () -> {
          ChunkFetcher.Result result =
              Heartbeats.during(
                  ctx,
                  () ->
                      new DownloadHeartbeat(
                          r.batchIndex(),
                          p.chunksDone.get(),
                          p.chunks,
                          p.bytesDone.get(),
                          p.bytes,
                          p.bytesFetched.get()),
                  () ->
                      progressFile.write(
                          "DownloadingUpdate",
                          p.version,
                          p.bytesBefore + p.bytesDone.get(),
                          p.bytesOfPlan,
                          p.bytesFetched.get(),
                          false),
                  () ->
                      new ChunkDownloader(folder, service)
                          .download(
                              r.planId(),
                              r.batchIndex(),
                              r.batchCount(),
                              r.maxBytesPerSecond(),
                              fetchedBefore,
                              p));
          progressFile.write(
              "DownloadingUpdate",
              p.version,
              p.bytesBefore + p.bytesDone.get(),
              p.bytesOfPlan,
              p.bytesFetched.get(),
              true);
          return new DownloadBatchResult(
              r.batchIndex(), p.chunks, result.chunksFetched(), p.bytes, p.bytesFetched.get());
        },
        () -> p.bytes - p.bytesDone.get(),
        true);
  }

  @Override
  public ApplyResult apply(ApplyRequest r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    boolean resumed = ctx.getInfo().getAttempt() > 1;
    StagingAssembler.Progress p = new StagingAssembler.Progress();
    ProgressFile progressFile = new ProgressFile(folder, clock);
    return failuresMapped(
        () -> {
          StagingAssembler.Result result =
              Heartbeats.during(
                  ctx,
                  () -> new ApplyHeartbeat((int) p.filesDone.get(), p.bytesDone.get()),
                  () ->
                      progressFile.write(
                          "ApplyingUpdate",
                          null,
                          p.bytesDone.get() + p.fileBytesDone.get(),
                          p.bytesTotal,
                          0,
                          false),
                  () -> new StagingAssembler(folder, service).apply(r.planId(), resumed, p));
          return new ApplyResult(result.files(), result.bytes());
        },
        () -> p.bytesTotal - p.bytesDone.get(),
        true);
  }

  @Override
  public FinalizeResult finalizeUpdate(FinalizeRequest r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    return failuresMapped(
        () -> {
          ReleaseSwitcher.Result result =
              Heartbeats.during(
                  ctx,
                  () -> null,
                  () -> {},
                  () ->
                      new ReleaseSwitcher(folder, new StagingAssembler(folder, service)::restage)
                          .finalizeUpdate(r.planId()));
          return new FinalizeResult(result.filesReplaced(), result.filesRemoved());
        });
  }

  @Override
  public RegistryResult updateRegistry(RegistryRequest r) {
    return failuresMapped(
        () -> {
          // A release without an executable (tools, data packs) registers the folder itself.
          Path launchDir = new CurrentRelease(folder).launchDir().orElse(folder.current());
          String executable =
              new InstalledReleases(folder)
                  .current()
                  .map(rel -> InstalledReleases.manifestOf(rel).executablePath())
                  .map(exe -> launchDir.resolve(exe).toString())
                  .orElse(launchDir.toString());
          int n =
              registry.write(
                  new RegistryValues(
                      r.installId(),
                      r.product(),
                      folder.root().toString(),
                      executable,
                      r.version(),
                      r.mode(),
                      uninstallCommand));
          return new RegistryResult(n);
        },
        () -> 0,
        false);
  }

  @Override
  public DiscardStagingResult discardStaging(DiscardStagingRequest r) {
    return failuresMapped(
        () -> {
          StagingCleaner cleaner = new StagingCleaner(folder);
          return new DiscardStagingResult(
              r.planId() == null ? cleaner.discardAll() : cleaner.discard(r.planId()));
        });
  }

  /**
   * Runs the work. Failures retrying cannot fix become non-retryable with their type, others stay
   * retryable; either way only a scrubbed message leaves this machine ({@link PrivateText}), never
   * the exception with its causes, whose texts name local paths.
   */
  private <T> T failuresMapped(Callable<T> work) {
    return failuresMapped(work, () -> 0, true);
  }

  /**
   * @param stillToWrite bytes the step had yet to write, read when it fails: less room than that on
   *     the folder's volume is a full disk ({@link DiskFull})
   * @param folderFinal whether a full disk or an unwritable folder ends the update; not for the
   *     registry, which must follow files already switched and so retries until its deadline
   */
  private <T> T failuresMapped(Callable<T> work, LongSupplier stillToWrite, boolean folderFinal) {
    try {
      return work.call();
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (UpdateFailure e) {
      throw nonRetryable(e.getMessage(), e.type(), e);
    } catch (ManifestRejectedException e) {
      throw nonRetryable(e.getMessage(), UpdateFailures.forManifestRejection(e.reason()), e);
    } catch (TufRefusal e) {
      throw nonRetryable(e.getMessage(), UpdateFailures.forMetadataRefusal(e.reason()), e);
    } catch (NotAnInstallException e) {
      throw nonRetryable(e.getMessage(), UpdateFailures.INVALID_INSTALL, e);
    } catch (InvalidVersionException e) {
      throw nonRetryable(e.getMessage(), UpdateFailures.MALFORMED_VERSION, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryable("interrupted", "Interrupted", e);
    } catch (Exception e) {
      Optional<UpdateFailure> known = recognise(e, stillToWrite.getAsLong(), folderFinal);
      if (known.isPresent()) {
        throw nonRetryable(known.get().getMessage(), known.get().type(), e);
      }
      throw retryable(e.getMessage(), e.getClass().getSimpleName(), e);
    }
  }

  /** A failure that is final by its cause, though nothing named it so where it happened. */
  private Optional<UpdateFailure> recognise(Exception e, long stillToWrite, boolean folderFinal) {
    if (folderFinal) {
      if (DiskFull.is(e, folder.root(), disk, stillToWrite)) {
        return Optional.of(DiskFull.failure(folder.root(), disk, stillToWrite, e));
      }
      Optional<Path> readOnly = FolderWritable.notWritable(e, folder.root());
      if (readOnly.isPresent()) {
        return Optional.of(
            new UpdateFailure(
                UpdateFailures.FOLDER_NOT_WRITABLE,
                "cannot write to "
                    + readOnly.get()
                    + " ("
                    + e.getMessage()
                    + "); make the folder writable and update again",
                e));
      }
    }
    return ServiceRefusals.of(e);
  }

  private ApplicationFailure nonRetryable(String message, String type, Exception e) {
    LOG.debug("{} failure: {}", type, message, e);
    return ApplicationFailure.newNonRetryableFailure(privateText.scrub(message), type);
  }

  private ApplicationFailure retryable(String message, String type, Exception e) {
    LOG.debug("{} failure: {}", type, message, e);
    return ApplicationFailure.newFailure(privateText.scrub(String.valueOf(message)), type);
  }
}
