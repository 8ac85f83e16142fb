package org.vsekai.nebula.server.db;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.vsekai.nebula.schema.migration.Migrator;
import org.vsekai.nebula.server.NebulaConfiguration;

/**
 * {@code db migrate [config.yml]}: applies pending migrations to the configured database (the
 * embedded one when no URL is set) and exits. A release step for production, where the service does
 * not migrate at start-up.
 */
public final class DbCommand extends ConfiguredCommand<NebulaConfiguration> {
  public DbCommand() {
    super("db", "Manages the service's database");
  }

  @Override
  public void configure(Subparser subparser) {
    Subparser migrate =
        subparser
            .addSubparsers()
            .title("actions")
            .dest("action")
            .addParser("migrate")
            .help("apply pending migrations");
    addFileArgument(migrate);
  }

  @Override
  protected void run(
      Bootstrap<NebulaConfiguration> bootstrap, Namespace namespace, NebulaConfiguration config)
      throws Exception {
    DatabaseConnection db = DatabaseConnection.of(config.database(), config.dataDir());
    if (db.embedded() != null) {
      db.embedded().start();
    }
    ManagedDataSource dataSource = db.dataSource().build(bootstrap.getMetricRegistry(), "migrate");
    try {
      List<String> applied = new Migrator(dataSource).migrate();
      System.out.println(
          applied.isEmpty() ? "schema is up to date" : "applied " + String.join(", ", applied));
    } finally {
      dataSource.stop();
      if (db.embedded() != null) {
        db.embedded().stop();
      }
    }
  }
}
