package org.vsekai.nebula.worker;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vsekai.nebula.workflows.activities.RecordActivities;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.UpdateRecord;

/** The service's record activity, keeping records in memory: the fake for client-side tests. */
final class InMemoryRecorder implements RecordActivities {
  final List<UpdateRecord> records = new CopyOnWriteArrayList<>();

  @Override
  public RecordReceipt record(UpdateRecord record) {
    records.add(record);
    return new RecordReceipt(
        record.updateProcessId() != null ? record.updateProcessId() : UUID.randomUUID().toString());
  }
}
