package org.vsekai.nebula.workflows;

/**
 * The input of every run of a {@link LauncherWorkflow}: its configuration and what earlier runs
 * left it.
 *
 * @param config how the install is kept current
 * @param memory what the previous run carried over; {@link LauncherMemory#EMPTY} at first
 */
public record LauncherInput(LauncherConfig config, LauncherMemory memory) {

  /** The input that starts a launcher for the first time. */
  public static LauncherInput start(LauncherConfig config) {
    return new LauncherInput(config, LauncherMemory.EMPTY);
  }
}
