package org.vsekai.nebula.server.db;

import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;
import org.vsekai.nebula.server.config.DatabaseFactory;

/**
 * The database a configuration names: its pool settings and, in the embedded default, the embedded
 * server that must run before the pool connects.
 *
 * @param embedded null when an external server is configured
 */
public record DatabaseConnection(DataSourceFactory dataSource, EmbeddedPostgresDatabase embedded) {

  public static DatabaseConnection of(DatabaseFactory factory, Path dataDir) {
    if (!factory.embedded()) {
      return new DatabaseConnection(factory.dataSourceFactory(factory.url(), null), null);
    }
    EmbeddedPostgresDatabase db =
        new EmbeddedPostgresDatabase(dataDir.resolve("postgres"), factory.embeddedPort());
    return new DatabaseConnection(
        factory.dataSourceFactory(db.jdbcUrl(), EmbeddedPostgresDatabase.USER), db);
  }
}
