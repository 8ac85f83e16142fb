package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.schema.testing.TestPostgres;

@Tag("integration")
class SerializableTransactionsTest {

  /**
   * Write skew, the anomaly SERIALIZABLE exists to stop: two transactions each read both rows, then
   * each writes one. PostgreSQL aborts one with 40001; the runner must run it again and both must
   * end up committed, the second one seeing the first one's write.
   */
  @Test
  void retriesASerializationFailureInsteadOfSurfacingIt() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "CREATE TABLE doctors (name TEXT PRIMARY KEY, on_call BOOLEAN NOT NULL)"));
    db.jdbi()
        .useHandle(h -> h.execute("INSERT INTO doctors VALUES ('alice', true), ('bob', true)"));
    SerializableTransactions tx = new SerializableTransactions(db.jdbi());
    CountDownLatch bothRead = new CountDownLatch(2);
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<Integer> alice =
        CompletableFuture.supplyAsync(() -> goOffCall(tx, "alice", bothRead, attempts));
    CompletableFuture<Integer> bob =
        CompletableFuture.supplyAsync(() -> goOffCall(tx, "bob", bothRead, attempts));

    int onCallSeenByAlice = alice.get(30, TimeUnit.SECONDS);
    int onCallSeenByBob = bob.get(30, TimeUnit.SECONDS);
    assertThat(tx.retries()).isGreaterThanOrEqualTo(1);
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    // The retried one ran after the other committed, so it saw only one doctor on call.
    assertThat(Math.min(onCallSeenByAlice, onCallSeenByBob)).isEqualTo(1);
  }

  private static int goOffCall(
      SerializableTransactions tx, String name, CountDownLatch bothRead, AtomicInteger attempts) {
    return tx.inTransaction(
        h -> {
          int attempt = attempts.incrementAndGet();
          int onCall =
              h.createQuery("SELECT count(*) FROM doctors WHERE on_call")
                  .mapTo(Integer.class)
                  .one();
          if (attempt <= 2) {
            bothRead.countDown();
            await(bothRead);
          }
          if (onCall == 2) {
            h.createUpdate("UPDATE doctors SET on_call = false WHERE name = :n")
                .bind("n", name)
                .execute();
          }
          return onCall;
        });
  }

  @Test
  void transactionsAreSerializableAndReadsReadOnly() {
    SerializableTransactions tx = new SerializableTransactions(TestPostgres.newDatabase().jdbi());

    String isolation =
        tx.inTransaction(
            h -> h.createQuery("SHOW transaction_isolation").mapTo(String.class).one());
    String readOnly =
        tx.inReadOnlyTransaction(
            h -> h.createQuery("SHOW transaction_read_only").mapTo(String.class).one());
    String writable =
        tx.inTransaction(
            h -> h.createQuery("SHOW transaction_read_only").mapTo(String.class).one());

    assertThat(isolation).isEqualTo("serializable");
    assertThat(readOnly).isEqualTo("on");
    assertThat(writable)
        .as("read-only does not leak into the next transaction on the connection")
        .isEqualTo("off");
  }

  @Test
  void doesNotRetryOtherErrors() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    SerializableTransactions tx = new SerializableTransactions(db.jdbi());
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    h -> {
                      attempts.incrementAndGet();
                      return h.createQuery("SELECT * FROM no_such_table").mapToMap().list();
                    }))
        .hasMessageContaining("no_such_table");
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(tx.retries()).isZero();
  }

  @Test
  void readOnlyTransactionsRefuseWrites() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    db.jdbi().useHandle(h -> h.execute("CREATE TABLE t (x INT)"));
    SerializableTransactions tx = new SerializableTransactions(db.jdbi());

    assertThatThrownBy(() -> tx.inReadOnlyTransaction(h -> h.execute("INSERT INTO t VALUES (1)")))
        .hasMessageContaining("read-only");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other transaction never read");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
