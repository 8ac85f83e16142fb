package org.vsekai.nebula.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.nebula.server.resources.ApiResources.error;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.RolloutAbortRequest;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.schema.CatalogFixtures;
import org.vsekai.nebula.schema.FakeCatalog;
import org.vsekai.nebula.schema.FakeRollouts;
import org.vsekai.nebula.schema.NewRollout;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * {@code /api/v1/rollouts} alone, over in-memory rollouts ({@link FakeRollouts}, held to the
 * database's contract by {@code RolloutRecordsContract}) and without Temporal: who may read, what a
 * start, a schedule or a signal must carry, and that without Temporal a valid one is a 503. What
 * the workflow then does is in {@code rollout.RolloutsApiTest} and the CLI's end-to-end tests.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RolloutsResourcesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final GenericType<Page<RolloutInfo>> ROLLOUTS = new GenericType<>() {};

  private final TestClock clock = new TestClock(T0);
  private final FakeCatalog catalog = FakeCatalog.create(clock);
  private final FakeRollouts rollouts = new FakeRollouts(catalog, clock);

  final ResourceExtension resources =
      ApiResources.builder(credential -> Optional.empty())
          .addResource(new RolloutsResource(rollouts, null))
          .build();

  private final List<UUID> opened = new ArrayList<>();

  @BeforeEach
  void threeRollouts() {
    catalog.catalog().products().create("v-sekai", null, null);
    catalog.catalog().modes().create("stable", null, null);
    catalog
        .catalog()
        .releases()
        .register(CatalogFixtures.release("v-sekai", "0.2.0", "stable", null, T0));
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(1));
      UUID id = UUID.randomUUID();
      rollouts.open(
          new NewRollout(
              id, "v-sekai", SemVer.parse("0.2.0"), "stable", 0.2, List.of(1, 100), 3600, "wf"));
      opened.add(id);
    }
  }

  private Invocation.Builder as(String token, String path) {
    return ApiResources.request(resources, "/api/v1/rollouts" + path, token);
  }

  private static RolloutStart start(List<Integer> waves, Long deadlineSeconds) {
    return new RolloutStart("v-sekai", "0.2.0", "stable", waves, null, deadlineSeconds, null);
  }

  @Test
  void publishersAndSupportReadRolloutsNewestFirst() {
    Page<RolloutInfo> first = as(ApiResources.SUPPORT, "?limit=2").get(ROLLOUTS);
    Page<RolloutInfo> rest =
        as(ApiResources.PUBLISHER, "?limit=2&cursor=" + first.next()).get(ROLLOUTS);
    RolloutInfo one = as(ApiResources.SUPPORT, "/" + opened.get(0)).get(RolloutInfo.class);

    assertThat(first.items())
        .extracting(RolloutInfo::rolloutId)
        .containsExactly(opened.get(2), opened.get(1));
    assertThat(rest.items()).extracting(RolloutInfo::rolloutId).containsExactly(opened.get(0));
    assertThat(one.version()).isEqualTo("0.2.0");
    assertThat(one.waves())
        .extracting(RolloutInfo.WaveInfo::state)
        .containsExactly("Pending", "Pending");
    assertThat(as(null, "").get().getStatus()).isEqualTo(401);
    assertThat(as("guess", "/" + opened.get(0)).get().getStatus()).isEqualTo(401);
  }

  @Test
  void unknownAndMalformedIdsAreOneLineErrors() {
    UUID unknown = UUID.randomUUID();
    Response missing = as(ApiResources.SUPPORT, "/" + unknown).get();
    Response malformed = as(ApiResources.SUPPORT, "/soon").get();

    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(error(missing)).isEqualTo("rollout " + unknown + " does not exist");
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(error(malformed)).contains("soon");
    assertThat(as(ApiResources.PUBLISHER, "/soon/pause").post(Entity.json("")).getStatus())
        .isEqualTo(400);
    assertThat(as(ApiResources.SUPPORT, "?cursor=!!!").get().getStatus()).isEqualTo(400);
  }

  @Test
  void aStartMustBeWholeAndOnlyThePublisherMayAsk() {
    Response noToken = as(null, "").post(Entity.json(start(List.of(1, 100), null)));
    Response support = as(ApiResources.SUPPORT, "").post(Entity.json(start(List.of(1, 100), null)));
    Response waves = as(ApiResources.PUBLISHER, "").post(Entity.json(start(List.of(50, 10), null)));
    Response deadline =
        as(ApiResources.PUBLISHER, "").post(Entity.json(start(List.of(1, 100), 0L)));
    Response noVersion =
        as(ApiResources.PUBLISHER, "")
            .post(Entity.json(new RolloutStart("v-sekai", null, "stable", null, null, null, null)));
    Response rate =
        as(ApiResources.PUBLISHER, "")
            .post(
                Entity.json(new RolloutStart("v-sekai", "0.2.0", "stable", null, 1.5, null, null)));

    assertThat(noToken.getStatus()).isEqualTo(401);
    assertThat(support.getStatus()).isEqualTo(403);
    assertThat(waves.getStatus()).isEqualTo(400);
    assertThat(error(waves)).startsWith("wave percentages must rise strictly from 1 to 100");
    assertThat(deadline.getStatus()).isEqualTo(400);
    assertThat(error(deadline)).startsWith("waveDeadlineSeconds must be from 1 to");
    assertThat(error(noVersion)).isEqualTo("version is missing");
    assertThat(error(rate)).contains("failure threshold must be from 0 to 1");
  }

  @Test
  void withoutTemporalAWholeRequestIsA503AndSchedulesAreCheckedFirst() {
    Response started =
        as(ApiResources.PUBLISHER, "").post(Entity.json(start(List.of(1, 100), null)));
    Response paused =
        as(ApiResources.PUBLISHER, "/" + opened.get(0) + "/pause").post(Entity.json(""));
    Response noRollout =
        as(ApiResources.PUBLISHER, "/schedules")
            .post(Entity.json(new RolloutScheduleRequest(null, "0 3 * * *", null)));
    Response longReason =
        as(ApiResources.PUBLISHER, "/" + opened.get(0) + "/abort")
            .post(Entity.json(new RolloutAbortRequest("x".repeat(1001))));

    assertThat(started.getStatus()).isEqualTo(503);
    assertThat(error(started)).contains("rollouts need Temporal");
    assertThat(paused.getStatus()).isEqualTo(503);
    assertThat(noRollout.getStatus()).isEqualTo(400);
    assertThat(error(noRollout)).isEqualTo("rollout is missing");
    assertThat(longReason.getStatus()).isEqualTo(400);
    assertThat(error(longReason)).contains("reason");
    assertThat(rollouts.list(null, 10).items()).hasSize(3);
  }
}
