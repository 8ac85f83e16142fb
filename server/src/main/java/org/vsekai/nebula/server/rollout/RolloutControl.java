package org.vsekai.nebula.server.rollout;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.rest.RolloutScheduleInfo;
import org.vsekai.nebula.schema.RecordConflictException;
import org.vsekai.nebula.schema.Rollout;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;
import org.vsekai.nebula.workflows.rollout.RolloutAbort;
import org.vsekai.nebula.workflows.rollout.RolloutIds;
import org.vsekai.nebula.workflows.rollout.RolloutInput;
import org.vsekai.nebula.workflows.rollout.RolloutRequest;
import org.vsekai.nebula.workflows.rollout.RolloutWorkflow;

/**
 * What the REST API asks of Temporal for rollouts: start one, signal it, schedule one. The rollout
 * is recorded before its workflow starts, so a bad product, version or mode is refused before
 * anything runs and the rollout can be read the moment this returns.
 */
public final class RolloutControl {
  /** How many of a schedule's next start times are reported. */
  private static final int NEXT_RUNS_SHOWN = 3;

  private final WorkflowClient client;
  private final ScheduleClient schedules;
  private final RolloutRepository rollouts;
  private final Clock clock;

  public RolloutControl(WorkflowClient client, RolloutRepository rollouts, Clock clock) {
    this.client = client;
    this.schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
    this.rollouts = rollouts;
    this.clock = clock;
  }

  /** Records the rollout and starts its workflow. */
  public Rollout start(RolloutRequest template) {
    requireValid(template);
    RolloutRequest request = template.withRolloutId(UUID.randomUUID().toString());
    String workflowId = RolloutIds.workflowId(request.rolloutId());
    UUID id = UUID.fromString(request.rolloutId());
    rollouts.open(NewRollouts.of(request, workflowId));
    RolloutWorkflow rollout =
        client.newWorkflowStub(
            RolloutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.SERVICE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(NebulaSearchAttributes.ROLLOUT_ID, request.rolloutId())
                        .build())
                .build());
    try {
      temporal(
          "start rollout " + id,
          () -> WorkflowClient.start(rollout::run, RolloutInput.start(request)));
    } catch (TemporalUnavailableException e) {
      // No workflow will ever move it: say so in the tables instead of leaving it Running.
      rollouts.recordState(id, "Aborted", "its workflow could not be started: " + e.getMessage());
      throw e;
    }
    return rollouts.find(id);
  }

  public Rollout pause(UUID rolloutId) {
    return signal(rolloutId, "pause", RolloutWorkflow::pause);
  }

  public Rollout resume(UUID rolloutId) {
    return signal(rolloutId, "resume", RolloutWorkflow::resume);
  }

  public Rollout abort(UUID rolloutId, String reason) {
    return signal(rolloutId, "abort", w -> w.abort(new RolloutAbort(reason)));
  }

  /**
   * Creates a Temporal Schedule that starts {@code template} on {@code cron} (UTC) or once at
   * {@code startAt}. A cron firing while the previous rollout still runs is skipped, never run
   * beside it.
   */
  public RolloutScheduleInfo schedule(RolloutRequest template, String cron, Instant startAt) {
    requireValid(template);
    if ((cron == null || cron.isBlank()) == (startAt == null)) {
      throw new InvalidRequestException("give either cron or startAt");
    }
    if (startAt != null && !startAt.isAfter(clock.instant())) {
      throw new InvalidRequestException("startAt " + startAt + " is not in the future");
    }
    rollouts.requireRolloutable(
        template.product(), SemVer.parse(template.version()), template.mode());
    String scheduleId = "rollout-" + UUID.randomUUID();
    ScheduleActionStartWorkflow action =
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(RolloutWorkflow.class)
            // No rollout id: each run takes one from the workflow id the schedule gives it.
            .setArguments(RolloutInput.start(template.withRolloutId(null)))
            .setOptions(
                WorkflowOptions.newBuilder()
                    .setWorkflowId(RolloutIds.scheduledWorkflowId(scheduleId))
                    .setTaskQueue(TaskQueues.SERVICE)
                    .build())
            .build();
    Schedule.Builder schedule =
        Schedule.newBuilder()
            .setAction(action)
            .setPolicy(
                SchedulePolicy.newBuilder()
                    .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                    .build());
    if (startAt != null) {
      schedule
          .setSpec(ScheduleSpec.newBuilder().setCalendars(List.of(exactly(startAt))).build())
          .setState(
              ScheduleState.newBuilder().setLimitedAction(true).setRemainingActions(1).build());
    } else {
      schedule.setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(cron.trim())).build());
    }
    ScheduleHandle handle;
    try {
      handle =
          schedules.createSchedule(
              scheduleId, schedule.build(), ScheduleOptions.newBuilder().build());
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      if (statusOf(e) == Status.Code.INVALID_ARGUMENT) {
        throw new InvalidRequestException("Temporal refused the schedule: " + firstLine(e));
      }
      throw new TemporalUnavailableException("cannot create the schedule: " + firstLine(e), e);
    }
    List<Instant> next =
        temporal(
            "describe schedule " + scheduleId,
            () -> handle.describe().getInfo().getNextActionTimes());
    return new RolloutScheduleInfo(
        scheduleId,
        startAt == null ? cron.trim() : null,
        startAt,
        next.subList(0, Math.min(NEXT_RUNS_SHOWN, next.size())));
  }

  /** The calendar that matches {@code at} (UTC, to the second) and no other time. */
  private static ScheduleCalendarSpec exactly(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    return ScheduleCalendarSpec.newBuilder()
        .setSeconds(List.of(new ScheduleRange(t.getSecond())))
        .setMinutes(List.of(new ScheduleRange(t.getMinute())))
        .setHour(List.of(new ScheduleRange(t.getHour())))
        .setDayOfMonth(List.of(new ScheduleRange(t.getDayOfMonth())))
        .setMonth(List.of(new ScheduleRange(t.getMonthValue())))
        .setYear(List.of(new ScheduleRange(t.getYear())))
        .build();
  }

  private Rollout signal(UUID rolloutId, String what, Consumer<RolloutWorkflow> send) {
    Rollout info = rollouts.find(rolloutId);
    if (RolloutRepository.ENDED.contains(info.state())) {
      throw new RecordConflictException(
          "rollout " + rolloutId + " has ended (" + info.state() + "); nothing to " + what);
    }
    RolloutWorkflow rollout = client.newWorkflowStub(RolloutWorkflow.class, info.workflowId());
    try {
      temporal(
          what + " rollout " + rolloutId,
          () -> {
            send.accept(rollout);
            return null;
          });
    } catch (WorkflowNotFoundException e) {
      throw new RecordConflictException(
          "rollout " + rolloutId + " has no running workflow (" + info.workflowId() + ")");
    }
    return info;
  }

  private static void requireValid(RolloutRequest request) {
    String problem = request.problem();
    if (problem != null) {
      throw new InvalidRequestException(problem);
    }
  }

  private static <T> T temporal(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      throw new TemporalUnavailableException("cannot " + what + ": " + firstLine(e), e);
    }
  }

  private static Status.Code statusOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
    }
    return Status.Code.UNKNOWN;
  }

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }
}
