package org.vsekai.nebula.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.ModeRelease;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.Catalog;
import org.vsekai.nebula.schema.CatalogFixtures;
import org.vsekai.nebula.schema.FakeCatalog;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.server.config.SigningFactory;
import org.vsekai.nebula.server.core.ManifestService;
import org.vsekai.nebula.server.core.SigningKeys;

/**
 * The catalog's resources alone: products, modes, versions and the latest version, over an
 * in-memory catalog ({@link FakeCatalog}, held to the database's contract by {@code
 * CatalogContract}) with the application's JSON, error mappers and authentication. What needs the
 * database or the whole service is in {@code CatalogApiTest}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogResourcesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final GenericType<Page<ModeInfo>> MODES = new GenericType<>() {};
  private static final GenericType<Page<ProductInfo>> PRODUCTS = new GenericType<>() {};
  private static final GenericType<Page<VersionInfo>> VERSIONS = new GenericType<>() {};

  private final TestClock clock = new TestClock(T0);
  private final Catalog catalog = FakeCatalog.inMemory(clock);
  private final AtomicInteger targetRefreshes = new AtomicInteger();

  final ResourceExtension resources = resources();

  private ResourceExtension resources() {
    return ApiResources.builder(credential -> Optional.empty())
        .addResource(new ProductsResource(catalog.products()))
        .addResource(new ProductResource(catalog.products()))
        .addResource(new ModesResource(catalog.modes()))
        .addResource(
            new VersionsResource(
                catalog.versions(),
                catalog.releases(),
                new ManifestService(catalog.versions(), signingKeys(), Duration.ofDays(30), clock),
                targetRefreshes::incrementAndGet))
        .addResource(new LatestVersionResource(catalog.versions(), clock))
        .build();
  }

  private static SigningKeys signingKeys() {
    try {
      return SigningKeys.configuredOrStored(
          new SigningFactory(), Files.createTempDirectory("catalog-resources-keys"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void stableMode() {
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
  }

  private Invocation.Builder anonymous(String path) {
    return ApiResources.request(resources, path, null);
  }

  private Invocation.Builder publisher(String path) {
    return ApiResources.request(resources, path, ApiResources.PUBLISHER);
  }

  private static Entity<String> json(String body) {
    return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
  }

  private static String error(Response r) {
    return ApiResources.error(r);
  }

  private void publish(String version, String mode) {
    catalog.releases().register(CatalogFixtures.release("v-sekai", version, mode, null, T0));
    clock.advance(Duration.ofSeconds(1));
  }

  private List<String> modeNames(String query) {
    return anonymous("/api/v1/modes" + query).get(MODES).items().stream()
        .map(ModeInfo::name)
        .toList();
  }

  @Test
  void createsAProductOnceAndListsIt() {
    Response first = publisher("/api/v1/products").post(Entity.json(new NewProduct("game")));
    Response again = publisher("/api/v1/products").post(Entity.json(new NewProduct("game")));

    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(again.getStatus()).isEqualTo(200);
    assertThat(again.readEntity(ProductInfo.class))
        .isEqualTo(first.readEntity(ProductInfo.class))
        .isEqualTo(new ProductInfo("game", T0, null));
    assertThat(anonymous("/api/v1/products").get(PRODUCTS).items())
        .extracting(ProductInfo::name)
        .containsExactly("game", "v-sekai");
  }

  @Test
  void publishingCallsNeedThePublisherToken() {
    Response none = anonymous("/api/v1/products").post(Entity.json(new NewProduct("no-token")));
    Response wrong =
        anonymous("/api/v1/modes")
            .header(HttpHeaders.AUTHORIZATION, "Bearer guess")
            .post(Entity.json(new NewMode("no-token")));
    Response support =
        anonymous("/api/v1/modes/stable")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiResources.SUPPORT)
            .delete();

    assertThat(none.getStatus()).isEqualTo(401);
    assertThat(none.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(error(none)).contains("publisher token");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(support.getStatus()).isEqualTo(403);
    assertThat(error(support)).contains("not open to the role");
    assertThat(anonymous("/api/v1/modes/stable").delete().getStatus()).isEqualTo(401);
    assertThat(anonymous("/api/v1/products/v-sekai").delete().getStatus()).isEqualTo(401);
    assertThat(modeNames("")).containsExactly("beta", "stable");
    assertThat(catalog.products().validNow(null, 10).items()).hasSize(1);
  }

  @Test
  void modesListedAreThoseValidNow() {
    Instant now = clock.instant();
    publisher("/api/v1/modes")
        .post(Entity.json(new NewMode("m-tomorrow", now.plus(Duration.ofDays(1)), null)));
    publisher("/api/v1/modes")
        .post(
            Entity.json(
                new NewMode(
                    "m-ended", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
    publisher("/api/v1/modes").post(Entity.json(new NewMode("m-retired")));
    clock.advance(Duration.ofMinutes(1));
    ModeInfo retired = publisher("/api/v1/modes/m-retired").delete(ModeInfo.class);

    assertThat(retired.validTo()).isEqualTo(now.plus(Duration.ofMinutes(1)));
    assertThat(modeNames("")).containsExactly("beta", "stable");
    clock.advance(Duration.ofDays(1));
    assertThat(modeNames("")).containsExactly("beta", "m-tomorrow", "stable");
  }

  @Test
  void pagesFollowTheCursorToTheEnd() {
    for (int i = 0; i < 5; i++) {
      publisher("/api/v1/modes").post(Entity.json(new NewMode("page-" + i)));
    }
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      Page<ModeInfo> page =
          anonymous("/api/v1/modes?limit=2" + (next == null ? "" : "&cursor=" + next)).get(MODES);
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().forEach(m -> seen.add(m.name()));
      next = page.next();
    } while (next != null);

    assertThat(seen)
        .containsExactly("beta", "page-0", "page-1", "page-2", "page-3", "page-4", "stable");
  }

  @Test
  void badInputIsA400WithAReasonAndWritesNothing() {
    assertThat(error(publisher("/api/v1/modes").post(Entity.json(new NewMode("Has Spaces")))))
        .contains("lowercase");
    assertThat(publisher("/api/v1/modes").post(json("{not json")).getStatus()).isEqualTo(400);
    assertThat(error(publisher("/api/v1/modes").post(json("{\"name\":\"x\",\"mode_name\":\"y\"}"))))
        .contains("mode_name");
    assertThat(publisher("/api/v1/modes").post(json("")).getStatus()).isEqualTo(400);
    assertThat(error(publisher("/api/v1/modes").post(json("{\"name\":123}")))).isNotBlank();
    assertThat(
            publisher("/api/v1/modes")
                .post(json("{\"name\":\"x\",\"validFrom\":\"yesterday\"}"))
                .getStatus())
        .isEqualTo(400);
    assertThat(error(anonymous("/api/v1/modes?limit=0").get())).contains("limit");
    assertThat(anonymous("/api/v1/modes?limit=abc").get().getStatus()).isEqualTo(400);
    assertThat(error(anonymous("/api/v1/modes?cursor=!!!").get())).contains("cursor");
    Response inverted =
        publisher("/api/v1/modes")
            .post(
                Entity.json(
                    new NewMode(
                        "inverted",
                        Instant.parse("2030-01-02T00:00:00Z"),
                        Instant.parse("2030-01-01T00:00:00Z"))));
    assertThat(inverted.getStatus()).isEqualTo(400);
    assertThat(error(inverted)).contains("must be after validFrom");
    Response farFuture =
        publisher("/api/v1/modes")
            .post(json("{\"name\":\"far\",\"validFrom\":\"+300000-01-01T00:00:00Z\"}"));
    assertThat(farFuture.getStatus()).isEqualTo(400);
    assertThat(error(farFuture)).contains("outside the years 1970 to 9999");

    assertThat(modeNames("?limit=500")).containsExactly("beta", "stable");
  }

  @Test
  void unknownPathsMethodsAndMediaTypesAnswerInJson() {
    Response missing = anonymous("/api/v1/nothing-here").get();
    Response method = publisher("/api/v1/modes").method("PATCH", json("{}"));
    Response media =
        publisher("/api/v1/modes").post(Entity.entity("stable", MediaType.TEXT_PLAIN_TYPE));

    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(error(missing)).isNotBlank();
    assertThat(method.getStatus()).isEqualTo(405);
    assertThat(error(method)).isNotBlank();
    assertThat(media.getStatus()).isEqualTo(415);
    assertThat(error(media)).isNotBlank();
  }

  @Test
  void retiringAnUnknownModeOrProductIs404() {
    Response mode = publisher("/api/v1/modes/never-made").delete();
    Response product = publisher("/api/v1/products/never-made").delete();

    assertThat(mode.getStatus()).isEqualTo(404);
    assertThat(error(mode)).isEqualTo("mode 'never-made' does not exist");
    assertThat(product.getStatus()).isEqualTo(404);
    assertThat(error(product)).isEqualTo("product 'never-made' does not exist");
  }

  @Test
  void versionsListNewestFirstWithTheModesOfferingThem() {
    publish("1.0.0", "stable");
    publish("1.1.0-beta.1", "beta");

    Page<VersionInfo> page = anonymous("/api/v1/products/v-sekai/versions").get(VERSIONS);
    VersionInfo one = anonymous("/api/v1/products/v-sekai/versions/1.0.0").get(VersionInfo.class);

    assertThat(page.items())
        .extracting(VersionInfo::version)
        .containsExactly("1.1.0-beta.1", "1.0.0");
    assertThat(page.items().get(0).modes()).containsExactly("beta");
    assertThat(one.modes()).containsExactly("stable");
    assertThat(one.publishedAt()).isEqualTo(T0);
    Response unknown = anonymous("/api/v1/products/v-sekai/versions/9.9.9").get();
    assertThat(unknown.getStatus()).isEqualTo(404);
    assertThat(error(unknown)).isEqualTo("v-sekai 9.9.9 does not exist");
    Response invalid = anonymous("/api/v1/products/v-sekai/versions/1.0").get();
    assertThat(invalid.getStatus()).isEqualTo(400);
    assertThat(error(invalid)).contains("1.0");
    assertThat(anonymous("/api/v1/products/nope/versions").get().getStatus()).isEqualTo(404);
  }

  @Test
  void releasingAndWithdrawingMoveTheLatestAndRefreshTheTargetsOnce() {
    publish("1.0.0", "stable");
    publish("1.1.0", "beta");
    String versions = "/api/v1/products/v-sekai/versions/";
    String latestStable = "/api/v1/products/v-sekai/modes/stable/latest";

    Response promoted =
        publisher(versions + "1.1.0/modes").post(Entity.json(new ModeRelease("stable", null)));
    assertThat(promoted.getStatus()).isEqualTo(201);
    assertThat(promoted.readEntity(VersionInfo.class).modes()).containsExactly("beta", "stable");
    assertThat(anonymous(latestStable).get(VersionInfo.class).version()).isEqualTo("1.1.0");
    Response twice =
        publisher(versions + "1.1.0/modes").post(Entity.json(new ModeRelease("stable", null)));
    assertThat(twice.getStatus()).isEqualTo(409);
    assertThat(error(twice)).isEqualTo("v-sekai 1.1.0 is already released to stable");

    VersionInfo pulled = publisher(versions + "1.1.0/modes/stable").delete(VersionInfo.class);
    assertThat(pulled.modes()).containsExactly("beta");
    assertThat(anonymous(latestStable).get(VersionInfo.class).version()).isEqualTo("1.0.0");
    VersionInfo withdrawn = publisher(versions + "1.0.0").delete(VersionInfo.class);
    assertThat(withdrawn.validTo()).isEqualTo(clock.instant());
    Response nothing = anonymous(latestStable).get();
    assertThat(nothing.getStatus()).isEqualTo(404);
    assertThat(error(nothing)).isEqualTo("no version of v-sekai is offered in mode stable");
    Response notReleased = publisher(versions + "1.1.0/modes/stable").delete();
    assertThat(notReleased.getStatus()).isEqualTo(404);

    assertThat(targetRefreshes).hasValue(3);
    assertThat(
            anonymous(versions + "1.1.0/modes")
                .post(Entity.json(new ModeRelease("stable", null)))
                .getStatus())
        .isEqualTo(401);
  }

  @Test
  void theLatestVersionAtAnInstant() {
    publish("1.0.0", "stable");
    Instant before = clock.instant().minusMillis(1); // 1.2.0 is offered from clock.instant()
    publish("1.2.0", "stable");
    String latest = "/api/v1/products/v-sekai/modes/stable/latest";

    assertThat(anonymous(latest).get(VersionInfo.class).version()).isEqualTo("1.2.0");
    assertThat(anonymous(latest + "?at=" + before).get(VersionInfo.class).version())
        .isEqualTo("1.0.0");
    assertThat(error(anonymous(latest + "?at=soon").get())).contains("at");
    assertThat(anonymous(latest + "?at=+300000-01-01T00:00:00Z").get().getStatus()).isEqualTo(400);
    assertThat(error(anonymous("/api/v1/products/v-sekai/modes/nightly/latest").get()))
        .isEqualTo("mode 'nightly' does not exist");
  }

  @Test
  void theManifestIsServedExactlyAsStored() {
    publish("1.0.0", "stable");

    Response r = anonymous("/api/v1/products/v-sekai/versions/1.0.0/manifest").get();

    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
    assertThat(r.readEntity(String.class)).isEqualTo("{\"version\":\"1.0.0\"}");
  }
}
