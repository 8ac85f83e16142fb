package org.vsekai.nebula.server.db;

import io.dropwizard.lifecycle.Managed;
import org.vsekai.nebula.schema.SerializableTransactions;
import org.vsekai.nebula.schema.migration.Migrator;

/**
 * Applies pending migrations as the service starts, after the database and its pool and before the
 * HTTP port opens, so no request ever meets an old schema.
 */
public final class Migrations implements Managed {
  private final SerializableTransactions transactions;

  public Migrations(SerializableTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public void start() {
    new Migrator(transactions).migrate();
  }
}
