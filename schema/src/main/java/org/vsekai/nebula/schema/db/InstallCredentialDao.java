package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** install_credentials: the hashed secret of each install, over the period it is valid. */
public interface InstallCredentialDao {

  @SqlUpdate(
      """
      INSERT INTO install_credentials (install_id, secret_sha256, valid_from)
      VALUES (:installId, :secretSha256, :validFrom)""")
  void insert(UUID installId, String secretSha256, Instant validFrom);

  /** The digest of the install's credential valid at {@code at}, if any. */
  @SqlQuery(
      """
      SELECT secret_sha256 FROM install_credentials
      WHERE install_id = :installId
        AND valid_from <= :at AND (valid_to IS NULL OR valid_to > :at)""")
  Optional<String> validAt(UUID installId, Instant at);

  @SqlUpdate(
      """
      UPDATE install_credentials SET valid_to = GREATEST(valid_from, :at)
      WHERE install_id = :installId AND valid_to IS NULL""")
  int close(UUID installId, Instant at);
}
