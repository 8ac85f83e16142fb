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
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.schema.CatalogFixtures;
import org.vsekai.nebula.schema.FakeCatalog;
import org.vsekai.nebula.schema.FakeInstalls;
import org.vsekai.nebula.schema.FakeUpdateProcesses;
import org.vsekai.nebula.schema.InstallRepository.Registration;
import org.vsekai.nebula.schema.UpdateProcessReport;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * {@code /api/v1/update-processes} alone, over in-memory update processes ({@link
 * FakeUpdateProcesses}, held to the database's contract by {@code UpdateProcessesContract}): no
 * request writes a record, an install reads its own, support reads all.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UpdateProcessesResourcesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final GenericType<Page<UpdateProcessInfo>> PROCESSES = new GenericType<>() {};

  private final TestClock clock = new TestClock(T0);
  private final FakeCatalog catalog = FakeCatalog.create(clock);
  private final FakeInstalls installs = new FakeInstalls(catalog, clock);
  private final FakeUpdateProcesses processes = new FakeUpdateProcesses(catalog, installs, clock);

  final ResourceExtension resources =
      ApiResources.builder(installs::verify)
          .addResource(new UpdateProcessesResource(processes))
          .build();

  private Registration a;
  private Registration b;

  @BeforeEach
  void twoInstallsThatUpdated() {
    catalog.catalog().products().create("v-sekai", null, null);
    catalog.catalog().modes().create("stable", null, null);
    catalog
        .catalog()
        .releases()
        .register(CatalogFixtures.release("v-sekai", "1.0.0", "stable", null, T0));
    a = installs.registerWithCredential("v-sekai", "stable", null);
    b = installs.registerWithCredential("v-sekai", "stable", null);
    updated(a, UpdateState.UpdateSuccessful);
    updated(b, UpdateState.UpdateFailed);
    updated(a, UpdateState.NoUpdateFound);
  }

  private UUID updated(Registration install, UpdateState end) {
    UUID id = UUID.randomUUID();
    UUID installId = install.install().id();
    String to = end == UpdateState.NoUpdateFound ? null : "1.0.0";
    processes.report(
        new UpdateProcessReport(
            id, installId, UpdateState.Checking, null, to, null, null, null, null));
    clock.advance(Duration.ofSeconds(1));
    processes.report(
        new UpdateProcessReport(id, installId, end, "done", to, null, null, null, null));
    clock.advance(Duration.ofSeconds(1));
    return id;
  }

  private Invocation.Builder as(String credential, String path) {
    return ApiResources.request(resources, "/api/v1/update-processes" + path, credential);
  }

  private List<UUID> listed(String credential, String query) {
    return as(credential, query).get(PROCESSES).items().stream()
        .map(UpdateProcessInfo::updateProcessId)
        .toList();
  }

  @Test
  void noRequestWritesAnUpdateRecord() {
    String forged =
        "{\"updateProcessId\":\""
            + UUID.randomUUID()
            + "\",\"installId\":\""
            + b.install().id()
            + "\",\"state\":\"UpdateSuccessful\"}";

    assertThat(as(null, "").post(Entity.json(forged)).getStatus()).isEqualTo(401);
    for (String role : List.of(a.credential(), ApiResources.SUPPORT, ApiResources.PUBLISHER)) {
      Response r = as(role, "").post(Entity.json(forged));
      assertThat(r.getStatus()).isEqualTo(403);
      assertThat(error(r)).contains("written by the service's own workflows only");
    }
    assertThat(processes.list(null, null, 50).items()).hasSize(3);
  }

  @Test
  void anInstallListsAndReadsItsOwnOnly() {
    String own = "?installId=" + a.install().id();
    List<UUID> mine = listed(a.credential(), own);

    assertThat(mine).hasSize(2);
    assertThat(as(a.credential(), "/" + mine.get(0)).get(UpdateProcessInfo.class).state())
        .isEqualTo(UpdateState.NoUpdateFound);
    Response all = as(a.credential(), "").get();
    assertThat(all.getStatus()).isEqualTo(403);
    assertThat(error(all)).contains("needs the support token");
    Response others = as(a.credential(), "?installId=" + b.install().id()).get();
    assertThat(others.getStatus()).isEqualTo(403);
    UUID ofB = listed(ApiResources.SUPPORT, "?installId=" + b.install().id()).get(0);
    Response otherRecord = as(a.credential(), "/" + ofB).get();
    assertThat(otherRecord.getStatus()).isEqualTo(403);
    assertThat(error(otherRecord)).contains("acts for that install only");
  }

  @Test
  void supportPagesThroughEveryRecordNewestFirst() {
    Page<UpdateProcessInfo> first = as(ApiResources.SUPPORT, "?limit=2").get(PROCESSES);
    Page<UpdateProcessInfo> rest =
        as(ApiResources.SUPPORT, "?limit=2&cursor=" + first.next()).get(PROCESSES);

    assertThat(first.items())
        .extracting(UpdateProcessInfo::state)
        .containsExactly(UpdateState.NoUpdateFound, UpdateState.UpdateFailed);
    assertThat(rest.items())
        .extracting(UpdateProcessInfo::state, UpdateProcessInfo::toVersion)
        .containsExactly(Tuple.tuple(UpdateState.UpdateSuccessful, "1.0.0"));
    assertThat(rest.items().get(0).states()).hasSize(2);
    assertThat(rest.next()).isNull();
    assertThat(as(null, "").get().getStatus()).isEqualTo(401);
  }

  @Test
  void unknownAndMalformedIdsAreOneLineErrors() {
    UUID unknown = UUID.randomUUID();
    Response missing = as(ApiResources.SUPPORT, "/" + unknown).get();
    Response malformed = as(ApiResources.SUPPORT, "/not-a-uuid").get();
    Response unknownInstall = as(ApiResources.SUPPORT, "?installId=" + unknown).get();

    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(error(missing)).isEqualTo("update process " + unknown + " does not exist");
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(error(malformed)).contains("not-a-uuid");
    assertThat(unknownInstall.getStatus()).isEqualTo(404);
    assertThat(as(ApiResources.SUPPORT, "?cursor=!!!").get().getStatus()).isEqualTo(400);
  }
}
