package org.vsekai.nebula.schema;

import java.time.Instant;
import org.vsekai.nebula.api.SemVer;

/**
 * Changing what is offered: publishing a version, offering it in more modes, withdrawing it. Each
 * answer is the version as it stands after the change. {@link JdbiReleaseRepository} stores them.
 */
public interface ReleaseRepository {
  /**
   * Registers a new version, offers it in the release's mode from {@code validFrom}, and stores its
   * files and signed manifest, all or nothing.
   *
   * @throws RecordNotFoundException the product or mode does not exist
   * @throws RecordConflictException the version exists already, or the product or mode is not valid
   *     when the release would start
   */
  PublishedVersion register(NewRelease release);

  /**
   * Offers an existing version in one more mode from {@code validFrom} (null: now).
   *
   * @throws RecordConflictException the version is offered in that mode already
   */
  PublishedVersion releaseToMode(String product, SemVer version, String mode, Instant validFrom);

  /**
   * Stops offering a version in a mode from now on.
   *
   * @throws RecordNotFoundException the version is not offered in that mode
   */
  PublishedVersion withdrawFromMode(String product, SemVer version, String mode);

  /** Ends the version's validity now: it is no longer offered in any mode. */
  PublishedVersion withdraw(String product, SemVer version);
}
