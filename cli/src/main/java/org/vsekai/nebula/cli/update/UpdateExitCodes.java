package org.vsekai.nebula.cli.update;

import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.workflows.UpdateFailures;

/** The exit code for each failure type an update can end with (README, "Exit codes"). */
final class UpdateExitCodes {
  private UpdateExitCodes() {}

  static int of(String type) {
    if (type == null) {
      return ExitCodes.ERROR;
    }
    if (UpdateFailures.METADATA_REFUSALS.contains(type)) {
      return ExitCodes.REJECTED;
    }
    return switch (type) {
      case UpdateFailures.BAD_SIGNATURE,
          UpdateFailures.UNTRUSTED_KEY,
          UpdateFailures.EXPIRED_MANIFEST,
          UpdateFailures.DOWNGRADE,
          UpdateFailures.UNSAFE_PATH,
          UpdateFailures.WRONG_PRODUCT,
          UpdateFailures.WRONG_MODE ->
          ExitCodes.REJECTED;
      case UpdateFailures.CORRUPT_CHUNK,
          UpdateFailures.MALFORMED_MANIFEST,
          UpdateFailures.MALFORMED_VERSION,
          UpdateFailures.INVALID_INSTALL ->
          ExitCodes.INVALID_DATA;
      case UpdateFailures.UNKNOWN_RELEASE, UpdateFailures.MISSING_RELEASE_DATA ->
          ExitCodes.NOT_FOUND;
      case UpdateFailures.ACCESS_REFUSED, UpdateFailures.GAVE_UP -> ExitCodes.UNAVAILABLE;
      case UpdateFailures.INSUFFICIENT_DISK_SPACE, UpdateFailures.FOLDER_NOT_WRITABLE ->
          ExitCodes.DISK_FULL;
      default -> ExitCodes.ERROR;
    };
  }
}
