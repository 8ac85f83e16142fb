package org.vsekai.nebula.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.nebula.server.resources.ApiResources.error;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.CredentialIssued;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.CatalogFixtures;
import org.vsekai.nebula.schema.FakeCatalog;
import org.vsekai.nebula.schema.FakeInstalls;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.server.auth.InstallCredentialCache;

/**
 * {@code /api/v1/installs} alone, over in-memory installs ({@link FakeInstalls}, held to the
 * database's contract by {@code InstallsContract}), with the application's authentication and the
 * real credential cache: an install's credential acts for that install only, support's for any. The
 * same boundary through the whole service is in {@code InstallsAndUpdatesApiTest} and {@code
 * security.TrustBoundaryTest}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstallsResourcesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final GenericType<Page<InstallHistoryEntry>> HISTORY = new GenericType<>() {};

  private final TestClock clock = new TestClock(T0);
  private final FakeCatalog catalog = FakeCatalog.create(clock);
  private final FakeInstalls installs = new FakeInstalls(catalog, clock);
  private final InstallCredentialCache credentialCache = new InstallCredentialCache(installs);
  private final List<String> followed = new ArrayList<>();

  final ResourceExtension resources =
      ApiResources.builder(credentialCache::verify)
          .addResource(
              new InstallsResource(
                  installs,
                  installs,
                  credentialCache,
                  uri -> Map.entry("gateway.test:7233", true),
                  (install, mode) -> followed.add(install + " " + mode)))
          .build();

  @BeforeEach
  void catalogWithTwoModes() {
    catalog.catalog().products().create("v-sekai", null, null);
    catalog.catalog().modes().create("stable", null, null);
    catalog.catalog().modes().create("beta", null, null);
    release("1.0.0", "stable");
    release("1.1.0-beta.1", "beta");
  }

  private void release(String version, String mode) {
    catalog
        .catalog()
        .releases()
        .register(CatalogFixtures.release("v-sekai", version, mode, null, T0));
  }

  private Invocation.Builder as(String credential, String path) {
    return ApiResources.request(resources, "/api/v1/installs" + path, credential);
  }

  private InstallRegistered register() {
    Response r =
        as(null, "").post(Entity.json(new InstallRegistration("v-sekai", "stable", "1.0.0")));
    assertThat(r.getStatus()).isEqualTo(201);
    return r.readEntity(InstallRegistered.class);
  }

  @Test
  void registrationAnswersTheInstallItsCredentialAndTheGateway() {
    InstallRegistered a = register();

    assertThat(a.product()).isEqualTo("v-sekai");
    assertThat(a.mode()).isEqualTo("stable");
    assertThat(a.version()).isEqualTo("1.0.0");
    assertThat(a.registeredAt()).isEqualTo(T0);
    assertThat(a.credential()).startsWith(a.installId() + ".");
    assertThat(a.gateway()).isEqualTo("gateway.test:7233");
    assertThat(a.gatewayTls()).isTrue();
    assertThat(installs.verify(a.credential())).contains(a.installId());
    assertThat(register().installId()).isNotEqualTo(a.installId());
  }

  @Test
  void anInstallReadsAndSwitchesItselfOnly() {
    InstallRegistered a = register();
    InstallRegistered b = register();
    String bPath = "/" + b.installId();

    assertThat(as(a.credential(), "/" + a.installId()).get(InstallInfo.class).installId())
        .isEqualTo(a.installId());
    Response readOther = as(a.credential(), bPath).get();
    Response switchOther =
        as(a.credential(), bPath + "/mode").put(Entity.json(new ModeSwitch("beta")));
    Response latestOther = as(a.credential(), bPath + "/latest").get();
    Response historyOther = as(a.credential(), bPath + "/history").get();

    for (Response r : List.of(readOther, switchOther, latestOther, historyOther)) {
      assertThat(r.getStatus()).isEqualTo(403);
      assertThat(error(r))
          .isEqualTo("an install's credential acts for that install only, not " + b.installId());
    }
    assertThat(installs.find(b.installId()).mode()).isEqualTo("stable");
    assertThat(followed).isEmpty();
  }

  @Test
  void switchingModeMovesTheLatestAndTellsTheLauncher() {
    InstallRegistered a = register();
    String path = "/" + a.installId();
    clock.advance(Duration.ofMinutes(5));

    InstallInfo switched =
        as(a.credential(), path + "/mode")
            .put(Entity.json(new ModeSwitch("beta")), InstallInfo.class);

    assertThat(switched.mode()).isEqualTo("beta");
    assertThat(followed).containsExactly(a.installId() + " beta");
    assertThat(as(a.credential(), path + "/mode").get(CurrentMode.class))
        .isEqualTo(new CurrentMode("beta", T0.plus(Duration.ofMinutes(5))));
    assertThat(as(a.credential(), path + "/latest").get(VersionInfo.class).version())
        .isEqualTo("1.1.0-beta.1");
    Page<InstallHistoryEntry> first = as(a.credential(), path + "/history?limit=1").get(HISTORY);
    assertThat(first.items())
        .containsExactly(
            new InstallHistoryEntry("mode", "beta", T0.plus(Duration.ofMinutes(5)), null));
    Page<InstallHistoryEntry> rest =
        as(a.credential(), path + "/history?limit=5&cursor=" + first.next()).get(HISTORY);
    assertThat(rest.items())
        .extracting(InstallHistoryEntry::kind, InstallHistoryEntry::value)
        .containsExactlyInAnyOrder(Tuple.tuple("mode", "stable"), Tuple.tuple("version", "1.0.0"));
    assertThat(rest.next()).isNull();
  }

  @Test
  void supportActsForAnyInstallAndOtherRolesForNone() {
    InstallRegistered a = register();
    String path = "/" + a.installId();

    assertThat(as(ApiResources.SUPPORT, path).get().getStatus()).isEqualTo(200);
    assertThat(as(null, path).get().getStatus()).isEqualTo(401);
    assertThat(as("guess", path).get().getStatus()).isEqualTo(401);
    Response publisher = as(ApiResources.PUBLISHER, path).get();
    assertThat(publisher.getStatus()).isEqualTo(403);
    assertThat(error(publisher)).contains("not open to the role");
  }

  @Test
  void aRevokedCredentialIsRefusedAtOnceAndAReissuedOneWorks() {
    InstallRegistered a = register();
    String path = "/" + a.installId();
    assertThat(as(a.credential(), path).get().getStatus()).isEqualTo(200); // now cached

    Response byItself = as(a.credential(), path + "/credential").delete();
    assertThat(byItself.getStatus()).isEqualTo(403);
    assertThat(as(ApiResources.SUPPORT, path + "/credential").delete().getStatus()).isEqualTo(204);
    assertThat(as(a.credential(), path).get().getStatus()).isEqualTo(401);
    Response again = as(ApiResources.SUPPORT, path + "/credential").delete();
    assertThat(again.getStatus()).isEqualTo(404);
    assertThat(error(again)).isEqualTo("install " + a.installId() + " has no valid credential");

    Response reissued = as(ApiResources.SUPPORT, path + "/credential").post(Entity.json("{}"));
    assertThat(reissued.getStatus()).isEqualTo(201);
    String fresh = reissued.readEntity(CredentialIssued.class).credential();
    assertThat(as(fresh, path).get().getStatus()).isEqualTo(200);
    assertThat(as(a.credential(), path).get().getStatus()).isEqualTo(401);
  }

  @Test
  void badRegistrationsAndIdsAreOneLineErrors() {
    Response badName =
        as(null, "").post(Entity.json(new InstallRegistration("V Sekai", "stable", null)));
    Response unknownMode =
        as(null, "").post(Entity.json(new InstallRegistration("v-sekai", "nightly", null)));
    Response badVersion =
        as(null, "").post(Entity.json(new InstallRegistration("v-sekai", "stable", "1.0")));
    Response chosenId =
        as(null, "")
            .post(
                Entity.entity(
                    "{\"installId\":\""
                        + UUID.randomUUID()
                        + "\",\"product\":\"v-sekai\",\"mode\":\"stable\"}",
                    MediaType.APPLICATION_JSON_TYPE));
    Response badId = as(ApiResources.SUPPORT, "/not-a-uuid").get();

    assertThat(badName.getStatus()).isEqualTo(400);
    assertThat(error(badName)).contains("lowercase");
    assertThat(unknownMode.getStatus()).isEqualTo(404);
    assertThat(error(unknownMode)).isEqualTo("mode 'nightly' does not exist");
    assertThat(badVersion.getStatus()).isEqualTo(400);
    assertThat(chosenId.getStatus()).isEqualTo(400);
    assertThat(error(chosenId)).contains("installId");
    assertThat(badId.getStatus()).isEqualTo(400);
    assertThat(error(badId)).contains("not-a-uuid");
  }
}
