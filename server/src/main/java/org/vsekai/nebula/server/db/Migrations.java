package org.vsekai.nebula.server.db;

import io.dropwizard.lifecycle.Managed;
import javax.sql.DataSource;
import org.vsekai.nebula.schema.migration.Migrator;

/**
 * Applies pending migrations as the service starts, after the database and its pool and before the
 * HTTP port opens, so no request ever meets an old schema.
 */
public final class Migrations implements Managed {
  private final DataSource dataSource;

  public Migrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void start() {
    new Migrator(dataSource).migrate();
  }
}
