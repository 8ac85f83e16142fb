package org.vsekai.nebula.schema.migration;

import java.util.List;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The tables of a test database's public schema. */
final class Tables {
  private Tables() {}

  static List<String> of(TestPostgres.Database db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'public' ORDER BY table_name")
                    .mapTo(String.class)
                    .list());
  }
}
