package org.vsekai.nebula.schema.migration;

import java.util.List;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The indexes of a test database's public schema, with their definitions. */
final class Indexes {
  private Indexes() {}

  static List<String> of(TestPostgres.Database db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                            + " AND tablename <> 'flyway_schema_history' ORDER BY indexname")
                    .mapTo(String.class)
                    .list());
  }
}
