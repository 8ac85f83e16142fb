package org.vsekai.nebula.schema;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one way a {@link Jdbi} for Nebula's schema is configured, in tests and in the service. */
public final class NebulaJdbi {
  private NebulaJdbi() {}

  public static Jdbi create(DataSource dataSource) {
    return configure(Jdbi.create(dataSource));
  }

  /** Installs what the DAOs need: SqlObject, and java.time/UUID binding as PostgreSQL wants it. */
  public static Jdbi configure(Jdbi jdbi) {
    return jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
  }
}
