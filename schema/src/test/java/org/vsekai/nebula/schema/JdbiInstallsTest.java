package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The installs' contract on PostgreSQL, and what only the database can show. */
@Tag("integration")
class JdbiInstallsTest extends InstallsContract {
  private TestPostgres.Database db;
  private Stores stores;

  @Override
  Stores newStores(TestClock clock) {
    db = TestPostgres.newMigratedDatabase();
    stores =
        new Stores(
            Catalog.jdbi(db.transactions(), clock),
            new JdbiInstallRepository(db.transactions(), clock),
            new JdbiInstallCredentials(db.transactions(), clock));
    return stores;
  }

  @Test
  void onlyTheDigestOfACredentialIsStored() {
    String credential =
        stores.installs().registerWithCredential("v-sekai", "stable", null).credential();
    String secret = credential.substring(credential.indexOf('.') + 1);

    String stored =
        db.transactions()
            .inTransaction(
                h ->
                    h.createQuery("SELECT secret_sha256 FROM install_credentials")
                        .mapTo(String.class)
                        .one());
    assertThat(stored).hasSize(64).doesNotContain(secret);
  }
}
