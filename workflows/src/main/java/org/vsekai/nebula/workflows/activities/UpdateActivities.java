package org.vsekai.nebula.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The steps of an update that touch the player's machine, run by the worker on the install's own
 * task queue ({@code install-<installId>}). The implementation is bound to one install folder and
 * one service address when the worker is built (see {@code UpdateRequest} for why they are not in
 * the payloads).
 *
 * <p>Every method may run more than once for the same input (a crash after the work but before the
 * result reached Temporal, a retry, a pause), so each must be idempotent and resume from what is on
 * disk. Failures that retrying cannot fix are thrown as {@code
 * ApplicationFailure.newNonRetryableFailure(message, type)} with a type from {@code
 * UpdateFailures}; anything else is retried under the policies in {@code UpdateActivityPolicies}.
 *
 * <p>{@link #prepare}, {@link #downloadChunks}, {@link #apply} and {@link #finalizeUpdate} run
 * under a 30 s heartbeat timeout: they must heartbeat at least every 10 s, so a killed worker is
 * noticed and the step retried within half a minute. Heartbeating is also how the first three learn
 * of a pause or a cancel: they must let the {@code ActivityCanceledException} a heartbeat throws
 * propagate (after stopping their own threads), and leave nothing half-written that a later attempt
 * could mistake for finished work.
 */
@ActivityInterface
public interface UpdateActivities {

  /** The activity type name of {@link #downloadChunks}, for clients reading its heartbeat. */
  String DOWNLOAD_CHUNKS = "DownloadChunks";

  /** The activity type name of {@link #apply}, for clients reading its heartbeat. */
  String APPLY = "Apply";

  /**
   * Reads the installed version from the install folder and asks the service for the highest
   * version valid now in the mode (or the pinned one). Changes nothing on disk.
   */
  @ActivityMethod
  CheckResult check(CheckRequest request);

  /**
   * The seed's check_launcher_folder, validate_manifest_file_and_version and
   * ensure_correct_files_for_update: checks the launcher folder and the installed manifest, fetches
   * and verifies the new signed manifest (signature, pinned key, expiry, product, no downgrade,
   * safe paths), plans which files change and which chunks are missing from the cache and the
   * installed files, checks the disk has room, and writes the plan to disk. First drops any stale
   * staging or plan of an earlier update of this install.
   */
  @ActivityMethod
  UpdatePlan prepare(PrepareRequest request);

  /**
   * The seed's download_to_temp, one batch: fetches the batch's missing chunks into the local chunk
   * cache, in parallel, under the bandwidth cap, verifying each. Heartbeats a {@link
   * DownloadHeartbeat}; a retried attempt skips chunks already cached and carries {@code
   * bytesFetched} on from the last heartbeat.
   */
  @ActivityMethod(name = DOWNLOAD_CHUNKS)
  DownloadBatchResult downloadChunks(DownloadBatchRequest request);

  /**
   * Assembles every changed file into the staging folder from the cache and the installed files (as
   * seeds), and verifies each against its index. Heartbeats an {@link ApplyHeartbeat}. Does not
   * touch the installed files.
   */
  @ActivityMethod(name = APPLY)
  ApplyResult apply(ApplyRequest request);

  /**
   * The seed's delete_old_and_move_over: a journaled switch of the staged release into place. A
   * crash at any instant leaves the complete old or the complete new install, and the next attempt
   * (or, past the update's deadline, the next update's prepare) rolls the journal forward.
   * Unchanged files are not rewritten; each is linked only if it is still as installed, else
   * assembled afresh. Nothing after the switch fails it, a full disk included.
   */
  @ActivityMethod
  FinalizeResult finalizeUpdate(FinalizeRequest request);

  /**
   * The seed's setup_registry_values: on Windows, keys under HKCU (install path, version, mode,
   * uninstall command); elsewhere the same values in a JSON file under the user's config folder.
   */
  @ActivityMethod
  RegistryResult updateRegistry(RegistryRequest request);

  /**
   * Drops the staging folder and plan of an update that was cancelled or failed before finalizing;
   * keeps the chunk cache (the next update reuses it). Never touches the installed files.
   */
  @ActivityMethod
  DiscardStagingResult discardStaging(DiscardStagingRequest request);
}
