package org.vsekai.nebula.cli.rollout;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vsekai rollout start|schedule|status|pause|resume|abort}: staged rollouts through the
 * service's REST API ({@code --service}); everything but status needs the publisher token.
 */
@Command(
    name = "rollout",
    description = "Staged rollouts of a version to a mode's installs, wave by wave.",
    subcommands = {
      RolloutCommand.Start.class,
      RolloutCommand.Schedule.class,
      RolloutCommand.Status.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Abort.class
    })
public final class RolloutCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  @Command(
      name = "start",
      description = {
        "Roll a published version out to the installs that follow a mode, in waves.",
        "Each wave updates its share of the fleet (chosen by a stable hash of the install id) and",
        "waits for the results; the rollout halts by itself after a wave whose failures pass the threshold."
      })
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RolloutService service;
    @Mixin RolloutOptions rollout;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      RolloutInfo r = service.writer(g).startRollout(rollout.toStart());
      if (g.json) {
        JsonOutput.line(Cli.out(spec), r);
      } else {
        RolloutReport.print(Cli.out(spec), r);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "schedule",
      description =
          "Start a rollout later, once (--at) or on a cron schedule (--cron), through a Temporal Schedule.")
  static final class Schedule implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RolloutService service;
    @Mixin RolloutOptions rollout;

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    static final class When {
      @Option(
          names = "--at",
          paramLabel = "INSTANT",
          description = "when, e.g. 2030-01-01T09:00:00Z")
      String at;

      @Option(
          names = "--cron",
          paramLabel = "EXPR",
          description = "a cron expression in UTC, e.g. '0 9 * * 2' (Tuesdays 09:00)")
      String cron;
    }

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      Instant at = null;
      if (when.at != null) {
        try {
          at = Instant.parse(when.at);
        } catch (DateTimeParseException e) {
          throw new CliFailure(
              ExitCodes.USAGE,
              "--at '" + when.at + "' is not an instant such as 2030-01-01T09:00:00Z");
        }
      }
      RolloutScheduleInfo s =
          service
              .writer(g)
              .scheduleRollout(new RolloutScheduleRequest(rollout.toStart(), when.cron, at));
      if (g.json) {
        JsonOutput.line(Cli.out(spec), s);
      } else {
        Cli.out(spec)
            .printf(
                "Scheduled %s %s to %s as %s (%s); next: %s%n",
                rollout.product,
                rollout.version,
                rollout.mode,
                s.scheduleId(),
                s.cron() != null ? "cron " + s.cron() : "at " + s.startAt(),
                s.nextRuns().isEmpty() ? "none" : s.nextRuns());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      description =
          "A rollout's state and each wave's progress; without an id, the latest rollouts.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RolloutService service;

    @Parameters(paramLabel = "ROLLOUT_ID", arity = "0..1", description = "the rollout")
    String rolloutId;

    @Option(
        names = "--limit",
        defaultValue = "10",
        description = "without an id: how many (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      var client = service.reader(g);
      if (rolloutId != null) {
        RolloutInfo r = client.rollout(rolloutId);
        if (g.json) {
          JsonOutput.line(Cli.out(spec), r);
        } else {
          RolloutReport.print(Cli.out(spec), r);
        }
        return ExitCodes.OK;
      }
      List<RolloutInfo> recent = client.recentRollouts(limit);
      if (g.json) {
        JsonOutput.line(Cli.out(spec), recent);
      } else if (recent.isEmpty()) {
        Cli.out(spec).println("no rollouts yet");
      } else {
        recent.forEach(r -> RolloutReport.line(Cli.out(spec), r));
      }
      return ExitCodes.OK;
    }
  }

  /** A command that sends one signal to a running rollout and says so. */
  abstract static class RolloutSignal implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RolloutService service;

    @Parameters(paramLabel = "ROLLOUT_ID")
    String rolloutId;

    /** The signal's name, as the acknowledgement reads it. */
    abstract String signal();

    abstract void send(ServiceClient writer);

    @Override
    public Integer call() {
      send(service.writer(Cli.global(spec)));
      return acknowledge(spec, rolloutId, signal());
    }
  }

  @Command(
      name = "pause",
      description =
          "Trigger no further install and start no further wave until resumed; running updates go on.")
  static final class Pause extends RolloutSignal {
    @Override
    String signal() {
      return "pause";
    }

    @Override
    void send(ServiceClient writer) {
      writer.pauseRollout(rolloutId);
    }
  }

  @Command(name = "resume", description = "Resume a paused rollout.")
  static final class Resume extends RolloutSignal {
    @Override
    String signal() {
      return "resume";
    }

    @Override
    void send(ServiceClient writer) {
      writer.resumeRollout(rolloutId);
    }
  }

  @Command(
      name = "abort",
      description = "End a rollout: no further install or wave. Updates already started finish.")
  static final class Abort extends RolloutSignal {
    @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded with the rollout")
    String reason;

    @Override
    String signal() {
      return "abort";
    }

    @Override
    void send(ServiceClient writer) {
      writer.abortRollout(rolloutId, reason);
    }
  }

  private static int acknowledge(CommandSpec spec, String rolloutId, String signal) {
    if (Cli.global(spec).json) {
      JsonOutput.line(Cli.out(spec), Map.of("rolloutId", rolloutId, "signal", signal));
    } else {
      Cli.out(spec)
          .printf(
              "Asked rollout %s to %s; 'vsekai rollout status %s' shows when it has%n",
              rolloutId, signal, rolloutId);
    }
    return ExitCodes.OK;
  }
}
