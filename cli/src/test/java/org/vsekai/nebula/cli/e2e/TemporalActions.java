package org.vsekai.nebula.cli.e2e;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what workflows cost Temporal, from their histories: the events, and the actions as
 * Temporal Cloud bills them (a workflow started or continued as new, an activity scheduled or
 * retried, a timer, a signal, a search-attribute upsert, a child workflow, a marker). Activity
 * heartbeats and queries are actions too but leave no event, so they are not in the count.
 */
final class TemporalActions {
  private long workflows;
  private long events;
  private final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
  private long activityRetries;

  /** Adds every run of {@code workflowId}, following continue-as-new back to the first. */
  void addAllRuns(WorkflowClient client, String workflowId) {
    String runId = "";
    while (true) {
      List<HistoryEvent> history = client.fetchHistory(workflowId, runId).getEvents();
      add(history);
      String previous =
          history.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return;
      }
      runId = previous;
    }
  }

  void add(List<HistoryEvent> history) {
    workflows++;
    events += history.size();
    for (HistoryEvent e : history) {
      byType.merge(e.getEventType(), 1L, Long::sum);
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        activityRetries += Math.max(0, e.getActivityTaskStartedEventAttributes().getAttempt() - 1);
      }
    }
  }

  long events() {
    return events;
  }

  long activitiesScheduled() {
    return count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
  }

  long timers() {
    return count(EventType.EVENT_TYPE_TIMER_STARTED);
  }

  long actions() {
    return count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        + count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
        + count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        + activityRetries
        + count(EventType.EVENT_TYPE_TIMER_STARTED)
        + count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        + count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        + count(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        + count(EventType.EVENT_TYPE_MARKER_RECORDED);
  }

  String summary() {
    return String.format(
        "%d workflow runs, %d history events, %d actions (%d starts, %d activities, %d activity retries, %d timers, %d upserts, %d signals)",
        workflows,
        events,
        actions(),
        count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
        count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        activityRetries,
        count(EventType.EVENT_TYPE_TIMER_STARTED),
        count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
        count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED));
  }

  private long count(EventType type) {
    return byType.getOrDefault(type, 0L);
  }
}
