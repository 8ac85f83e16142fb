package org.vsekai.nebula.schema;

import java.util.List;
import java.util.UUID;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.db.CacheHistoryRow;

/**
 * Update processes as their updates report them: the seed's fields once, then each state over its
 * period. A process that reaches a final state has its run period closed; one that ends in {@link
 * UpdateState#UpdateSuccessful} moves its install to the new version. {@link
 * JdbiUpdateProcessRepository} stores them.
 */
public interface UpdateProcessRepository {
  /**
   * Records a report; returns whether it created the process, and the process afterwards. Reporting
   * the current state again changes nothing.
   *
   * @throws RecordNotFoundException the install or the target version does not exist
   * @throws RecordConflictException the state cannot follow the current one, or the report
   *     contradicts the seed's fields recorded first
   */
  Created<UpdateProcess> report(UpdateProcessReport report);

  /**
   * @throws RecordNotFoundException there is no such process
   */
  UpdateProcess find(UUID updateProcessId);

  /** Update processes, newest first; of one install when {@code installId} is not null. */
  Listing<UpdateProcess> list(UUID installId, String cursor, int limit);

  /** Where the install's chunk cache was over time, oldest first. */
  List<CacheHistoryRow> cacheHistory(UUID installId);
}
