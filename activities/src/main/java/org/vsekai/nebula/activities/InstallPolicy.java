package org.vsekai.nebula.activities;

import java.time.Instant;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * The install's own file decides what it accepts; a task from the service only asks. A task for
 * another install, product or mode is refused by name before anything is read or written, and a
 * downgrade needs both the task's request and the install's own permission.
 */
final class InstallPolicy {
  private InstallPolicy() {}

  /** The install's state, after checking that the task is for this install, product and mode. */
  static InstallState admit(LauncherFolder folder, String installId, String product, String mode) {
    InstallState state = new InstallStateFile(folder).require();
    if (!state.installId().equals(installId)) {
      throw new UpdateFailure(
          UpdateFailures.INVALID_INSTALL,
          "this folder holds install " + state.installId() + ", not " + installId);
    }
    if (!state.product().equals(product)) {
      throw new UpdateFailure(
          UpdateFailures.WRONG_PRODUCT,
          "the task is for product '"
              + product
              + "' but this install holds '"
              + state.product()
              + "'");
    }
    if (!state.mode().equals(mode)) {
      throw new UpdateFailure(
          UpdateFailures.WRONG_MODE,
          "the task is for mode '"
              + mode
              + "' but this install follows '"
              + state.mode()
              + "' (switch with 'vsekai mode switch')");
    }
    return state;
  }

  /** Whether this update may install a lower version: asked for, and allowed by the install. */
  static boolean downgradeAllowed(InstallState state, boolean requested, Instant now) {
    return requested && state.allowsDowngradeAt(now);
  }
}
