package org.vsekai.nebula.schema;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs each unit of work as one SERIALIZABLE transaction and runs it again when the database says
 * it lost a race. CockroachDB reports every conflict as SQLSTATE 40001 and expects the client to
 * retry; PostgreSQL does the same under SERIALIZABLE. Bodies must therefore be free of side effects
 * outside the transaction: they may run more than once.
 */
public final class SerializableTransactions {
  /**
   * 40001 serialization failure, 40P01 deadlock: retry. 23505 unique violation: two writers
   * inserted the same key concurrently; on the retry the body sees the winner's row and answers for
   * itself (e.g. "already exists") instead of surfacing a constraint name.
   */
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505");

  /**
   * The isolation level is set as the transaction's first statement rather than through JDBC:
   * JDBC's setTransactionIsolation costs a SHOW and two SETs per transaction, this costs one
   * statement that travels with the BEGIN. PostgreSQL and CockroachDB both accept it.
   */
  private static final String SERIALIZABLE = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";

  private static final String SERIALIZABLE_READ_ONLY =
      "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY";

  private static final long BASE_BACKOFF_MILLIS = 2;
  private static final long MAX_BACKOFF_MILLIS = 250;

  private final Jdbi jdbi;
  private final int maxAttempts;
  private final AtomicLong retries = new AtomicLong();

  public SerializableTransactions(Jdbi jdbi) {
    this(jdbi, 20);
  }

  public SerializableTransactions(Jdbi jdbi, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.jdbi = jdbi;
    this.maxAttempts = maxAttempts;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs {@code body} in a SERIALIZABLE transaction, retried on serialization failures. */
  public <T> T inTransaction(HandleCallback<T, RuntimeException> body) {
    return run(SERIALIZABLE, body);
  }

  private <T> T run(String begin, HandleCallback<T, RuntimeException> body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(
            h -> {
              h.execute(begin);
              return body.withHandle(h);
            });
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !isRetryable(e)) {
          throw e;
        }
        retries.incrementAndGet();
        backOff(attempt);
      }
    }
  }

  /**
   * Runs a body that only reads in a READ ONLY SERIALIZABLE transaction: one consistent snapshot
   * for all its queries, and PostgreSQL can skip predicate locking for it.
   */
  public <T> T inReadOnlyTransaction(HandleCallback<T, RuntimeException> body) {
    return run(SERIALIZABLE_READ_ONLY, body);
  }

  /** Like {@link #inTransaction} for bodies that return nothing. */
  public void useTransaction(Consumer<Handle> body) {
    inTransaction(
        h -> {
          body.accept(h);
          return null;
        });
  }

  /** How many times a transaction was run again since this object was made. */
  public long retries() {
    return retries.get();
  }

  static boolean isRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && RETRYABLE.contains(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  // Full jitter, so the losers of one race do not collide again on the same schedule.
  private static void backOff(int attempt) {
    long cap = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 16));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
    }
  }
}
