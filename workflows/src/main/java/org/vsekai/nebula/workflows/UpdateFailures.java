package org.vsekai.nebula.workflows;

import java.util.List;
import java.util.stream.Stream;
import org.vsekai.nebula.api.manifest.ManifestRejectedException;
import org.vsekai.nebula.api.tuf.TufRefusal;

/**
 * The failure types that end an update at once instead of being retried. Activities throw them as
 * {@code ApplicationFailure.newNonRetryableFailure(message, type)}; the workflow ends failed with
 * the same type and the activity's message, and every retry policy in {@link
 * UpdateActivityPolicies} lists them as do-not-retry, so even a retryable failure of one of these
 * types stops at once.
 *
 * <p>Each is a fact that retrying cannot change: the same manifest will carry the same bad
 * signature on every attempt. A player or release engineer has to act, and the next trigger
 * (launcher check, {@code vsekai --update}, rollout wave) starts over.
 */
public final class UpdateFailures {

  /** The manifest is not well-formed JSON or misses a required field. */
  public static final String MALFORMED_MANIFEST = "MalformedManifest";

  /** The manifest is signed by a key this client does not pin. */
  public static final String UNTRUSTED_KEY = "UntrustedKey";

  /** The manifest's signature does not verify: it was altered after signing. */
  public static final String BAD_SIGNATURE = "BadSignature";

  /** The manifest's validity period is over. */
  public static final String EXPIRED_MANIFEST = "ExpiredManifest";

  /** The manifest is for a different product than the install. */
  public static final String WRONG_PRODUCT = "WrongProduct";

  /**
   * The task asks for the release mode the install does not follow. The install's own file says
   * which mode it follows; a task never changes that (a player switches modes with {@code vsekai
   * mode switch}).
   */
  public static final String WRONG_MODE = "WrongMode";

  /**
   * The offered version is lower than the installed one and the install's own policy does not allow
   * that.
   */
  public static final String DOWNGRADE = "Downgrade";

  /** A manifest path escapes the install folder ({@code ..}, absolute, or through a symlink). */
  public static final String UNSAFE_PATH = "UnsafePath";

  /**
   * A chunk's content does not match its id after {@link #CORRUPT_CHUNK_FETCHES} fetches within one
   * attempt. One bad fetch can be a flaky proxy or a truncated response, so the download activity
   * re-fetches; a chunk that is wrong every time is wrong on the server, and retrying the activity
   * for hours would only hide it.
   */
  public static final String CORRUPT_CHUNK = "CorruptChunk";

  /** How often the download activity fetches one chunk before it throws {@link #CORRUPT_CHUNK}. */
  public static final int CORRUPT_CHUNK_FETCHES = 3;

  /**
   * Prepare found less free space than staging the update needs. Not retried: waiting for space
   * that only the player can free would leave the update silently stuck; the failure tells them.
   */
  public static final String INSUFFICIENT_DISK_SPACE = "InsufficientDiskSpace";

  /**
   * The install folder is not an install Nebula can update: no launcher marker, or its installed
   * manifest is missing or does not verify (the seed's check_launcher_folder and
   * validate_manifest_file_and_version).
   */
  public static final String INVALID_INSTALL = "InvalidInstall";

  /**
   * A chunk or index of the release is not on the service (404 or 410): the version was withdrawn
   * and its data pruned while the update ran. Asking again gets the same answer.
   */
  public static final String MISSING_RELEASE_DATA = "MissingReleaseData";

  /**
   * The service or its store refuses this install (401 or 403): its credential was revoked, or the
   * install may not read what it asked for.
   */
  public static final String ACCESS_REFUSED = "AccessRefused";

  /**
   * The install folder cannot be written to: mounted read-only or its permissions taken away. A
   * file only locked for now (the running game, a virus scanner) is not this; it is retried.
   */
  public static final String FOLDER_NOT_WRITABLE = "FolderNotWritable";

  /** The service does not know the requested product, mode or target version. */
  public static final String UNKNOWN_RELEASE = "UnknownRelease";

  /** A version string from the install or the service is not a semantic version. */
  public static final String MALFORMED_VERSION = "MalformedVersion";

  /**
   * A request is unusable: the {@link UpdateRequest} (no install id; raised by the workflow) or an
   * activity's (a plan id that names no plan).
   */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /**
   * A step kept failing in ways that could pass (the service unreachable, a file locked, the
   * install's worker offline) until its retries ended: the deadline of {@link
   * UpdateRequest#retryFor()} or its attempts. The message names the step and the last failure. The
   * install is untouched or complete, and the next check or release starts a new update.
   */
  public static final String GAVE_UP = "GaveUp";

  // ---- TUF metadata refusals: each names one threat of the specification (TufRefusal.Reason).

  /** Release metadata that is not well formed: bad JSON, a duplicate key, a missing field. */
  public static final String MALFORMED_METADATA = "MalformedMetadata";

  /** Release metadata of a TUF specification major version this client does not speak. */
  public static final String UNSUPPORTED_METADATA_VERSION = "UnsupportedMetadataVersion";

  /** Release metadata without a threshold of valid signatures from the keys its role trusts. */
  public static final String UNTRUSTED_METADATA = "UntrustedMetadata";

  /** Release metadata older than what the install already trusts: a rollback attack. */
  public static final String METADATA_ROLLBACK = "MetadataRollback";

  /** Release metadata past its expiry: a freeze attack, or a service that stopped signing. */
  public static final String EXPIRED_METADATA = "ExpiredMetadata";

  /** Metadata of another version than the one the role above names: mix-and-match. */
  public static final String MIXED_METADATA = "MixedMetadata";

  /** Metadata or a target longer than its recorded length: an endless-data attack. */
  public static final String ENDLESS_DATA = "EndlessData";

  /** Metadata or a target whose bytes differ from their signed length and hashes. */
  public static final String HASH_MISMATCH = "HashMismatch";

  /** A target signed for another product or mode than the install's. */
  public static final String WRONG_TARGET = "WrongTarget";

  /**
   * The type a failed workflow carries when the activity's failure had no type of its own, e.g. a
   * timeout or retries running out.
   */
  public static final String UPDATE_FAILED = "UpdateFailed";

  /** Every metadata refusal type: all end an update as rejected (exit code 6). */
  public static final List<String> METADATA_REFUSALS =
      List.of(
          MALFORMED_METADATA,
          UNSUPPORTED_METADATA_VERSION,
          UNTRUSTED_METADATA,
          METADATA_ROLLBACK,
          EXPIRED_METADATA,
          MIXED_METADATA,
          ENDLESS_DATA,
          HASH_MISMATCH,
          WRONG_TARGET);

  /** Every type above that an activity may throw; retry policies do not retry them. */
  public static final List<String> NON_RETRYABLE =
      Stream.concat(
              Stream.of(
                  MALFORMED_MANIFEST,
                  UNTRUSTED_KEY,
                  BAD_SIGNATURE,
                  EXPIRED_MANIFEST,
                  WRONG_PRODUCT,
                  WRONG_MODE,
                  DOWNGRADE,
                  UNSAFE_PATH,
                  CORRUPT_CHUNK,
                  INSUFFICIENT_DISK_SPACE,
                  MISSING_RELEASE_DATA,
                  ACCESS_REFUSED,
                  FOLDER_NOT_WRITABLE,
                  INVALID_INSTALL,
                  UNKNOWN_RELEASE,
                  MALFORMED_VERSION,
                  INVALID_REQUEST),
              METADATA_REFUSALS.stream())
          .toList();

  private UpdateFailures() {}

  /** The failure type for a manifest the api's verifier refused; for the activities. */
  public static String forManifestRejection(ManifestRejectedException.Reason reason) {
    // A switch without default: a new Reason fails compilation here until it has a type.
    return switch (reason) {
      case MALFORMED -> MALFORMED_MANIFEST;
      case UNTRUSTED_KEY -> UNTRUSTED_KEY;
      case BAD_SIGNATURE -> BAD_SIGNATURE;
      case EXPIRED -> EXPIRED_MANIFEST;
      case WRONG_PRODUCT -> WRONG_PRODUCT;
      case DOWNGRADE -> DOWNGRADE;
      case UNSAFE_PATH -> UNSAFE_PATH;
    };
  }

  /** The failure type for metadata or a target the TUF client refused; for the activities. */
  public static String forMetadataRefusal(TufRefusal.Reason reason) {
    return switch (reason) {
      case MALFORMED -> MALFORMED_METADATA;
      case UNSUPPORTED_SPEC_VERSION -> UNSUPPORTED_METADATA_VERSION;
      case THRESHOLD_NOT_MET -> UNTRUSTED_METADATA;
      case ROLLBACK -> METADATA_ROLLBACK;
      case EXPIRED -> EXPIRED_METADATA;
      case VERSION_MISMATCH -> MIXED_METADATA;
      case TOO_LONG -> ENDLESS_DATA;
      case HASH_MISMATCH -> HASH_MISMATCH;
      // Not an attack: a version nobody released (a typo, a withdrawn release).
      case UNKNOWN_TARGET -> UNKNOWN_RELEASE;
      case WRONG_TARGET -> WRONG_TARGET;
    };
  }
}
