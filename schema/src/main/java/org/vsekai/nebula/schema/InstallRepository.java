package org.vsekai.nebula.schema;

import java.util.Optional;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * Installs: registration, the mode they follow and the version they run, over time. {@link
 * JdbiInstallRepository} stores them.
 */
public interface InstallRepository {
  /**
   * Registers an install of a product following a mode, holding {@code version} (null: none yet). A
   * registration repeated with the same id and product returns the install as it is.
   *
   * @param installId chosen by the caller (tests, an operator's import), or null to have one
   *     assigned; the REST API always assigns one ({@link #registerWithCredential})
   * @throws RecordNotFoundException the product, mode or version does not exist
   * @throws RecordConflictException the id is another product's install, or the mode is not valid
   *     now
   */
  Created<Install> register(UUID installId, String product, String mode, SemVer version);

  /** A new install and its credential, shown this once. */
  record Registration(Install install, String credential) {}

  /**
   * Registers a new install under an id the service chooses (a player must not pick where its
   * install falls in rollout waves) and issues its credential, together.
   */
  Registration registerWithCredential(String product, String mode, SemVer version);

  /**
   * The seed's {@code mode switch}: from now on the install follows {@code mode}; switching to the
   * mode it follows changes nothing.
   */
  Install switchMode(UUID installId, String mode);

  /**
   * The seed's {@code mode current}.
   *
   * @throws RecordNotFoundException the install is not registered, or follows no mode now
   */
  FollowedMode currentMode(UUID installId);

  /**
   * @throws RecordNotFoundException the install is not registered
   */
  Install find(UUID installId);

  /** The version the install should run now: the current version of its product in its mode. */
  Optional<PublishedVersion> latestFor(UUID installId);

  /** Mode and version periods of the install, latest first. */
  Listing<InstallPeriod> history(UUID installId, String cursor, int limit);
}
