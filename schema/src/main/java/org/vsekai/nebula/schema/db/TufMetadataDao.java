package org.vsekai.nebula.schema.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** tuf_metadata: the signed versions of the TUF roles, append-only. */
@RegisterConstructorMapper(TufMetadataRow.class)
public interface TufMetadataDao {

  /** Fails with a unique violation (23505) when that version of the role is stored already. */
  @SqlUpdate("INSERT INTO tuf_metadata (role, version, body) VALUES (:role, :version, :body)")
  void insert(@BindMethods TufMetadataRow row);

  /** The highest version of the role: one step down the primary key. */
  @SqlQuery(
      """
      SELECT role, version, body, created_at FROM tuf_metadata
      WHERE role = :role ORDER BY version DESC LIMIT 1""")
  Optional<TufMetadataRow> latest(String role);

  @SqlQuery(
      """
      SELECT role, version, body, created_at FROM tuf_metadata
      WHERE role = :role AND version = :version""")
  Optional<TufMetadataRow> find(String role, long version);
}
