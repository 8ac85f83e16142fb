package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.NebulaApp;

/** Products and modes over HTTP, and the error answers every endpoint shares. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class CatalogResourcesTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  private static final TypeReference<Page<ModeInfo>> MODES = new TypeReference<>() {};
  private static final TypeReference<Page<ProductInfo>> PRODUCTS = new TypeReference<>() {};

  private final ApiClient publisher = APP.publisher();
  private final ApiClient anonymous = APP.anonymous();

  @Test
  void createsAProductOnceAndListsIt() {
    Reply first = publisher.post("api/v1/products", new NewProduct("catalog-game"));
    Reply again = publisher.post("api/v1/products", new NewProduct("catalog-game"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.as(ProductInfo.class)).isEqualTo(first.as(ProductInfo.class));
    assertThat(anonymous.get("api/v1/products").as(PRODUCTS).items())
        .extracting(ProductInfo::name)
        .contains("catalog-game");
  }

  @Test
  void publishingCallsNeedTheToken() {
    Reply none = anonymous.post("api/v1/products", new NewProduct("no-token"));
    Reply wrong = publisher.withToken("guess").post("api/v1/modes", new NewMode("no-token"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.error()).contains("publisher token");
    assertThat(none.raw().headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(anonymous.delete("api/v1/modes/stable").status()).isEqualTo(401);
    assertThat(APP.count("products WHERE name = 'no-token'")).isZero();
    assertThat(APP.count("modes WHERE name = 'no-token'")).isZero();
  }

  @Test
  void modesListedAreThoseValidNow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    publisher.post("api/v1/modes", new NewMode("m-now"));
    publisher.post("api/v1/modes", new NewMode("m-tomorrow", now.plus(1, ChronoUnit.DAYS), null));
    publisher.post(
        "api/v1/modes",
        new NewMode("m-ended", now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));
    publisher.post("api/v1/modes", new NewMode("m-retired"));
    assertThat(publisher.delete("api/v1/modes/m-retired").as(ModeInfo.class).validTo()).isNotNull();

    List<String> listed =
        anonymous.get("api/v1/modes?limit=500").as(MODES).items().stream()
            .map(ModeInfo::name)
            .toList();

    assertThat(listed).contains("m-now").doesNotContain("m-tomorrow", "m-ended", "m-retired");
  }

  @Test
  void pagesFollowTheCursorToTheEnd() {
    for (int i = 0; i < 5; i++) publisher.post("api/v1/modes", new NewMode("page-" + i));
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      Page<ModeInfo> page =
          anonymous.get("api/v1/modes?limit=2" + (next == null ? "" : "&cursor=" + next)).as(MODES);
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().forEach(m -> seen.add(m.name()));
      next = page.next();
    } while (next != null);

    assertThat(seen).containsSubsequence("page-0", "page-1", "page-2", "page-3", "page-4");
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void badInputIsA400WithAReasonAndWritesNothing() {
    int before = APP.count("modes");
    assertThat(publisher.post("api/v1/modes", new NewMode("Has Spaces")).error())
        .contains("lowercase");
    assertThat(publisher.post("api/v1/modes", "{not json").status()).isEqualTo(400);
    assertThat(publisher.post("api/v1/modes", "{\"name\":\"x\",\"mode_name\":\"y\"}").error())
        .contains("mode_name");
    assertThat(publisher.post("api/v1/modes", "").status()).isEqualTo(400);
    assertThat(
            publisher.post("api/v1/modes", "{\"name\":\"x\",\"validFrom\":\"yesterday\"}").status())
        .isEqualTo(400);
    assertThat(anonymous.get("api/v1/modes?limit=0").error()).contains("limit");
    assertThat(anonymous.get("api/v1/modes?limit=abc").status()).isEqualTo(400);
    assertThat(anonymous.get("api/v1/modes?cursor=!!!").error()).contains("cursor");
    Reply inverted =
        publisher.post(
            "api/v1/modes",
            new NewMode(
                "inverted",
                Instant.parse("2030-01-02T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(inverted.status()).isEqualTo(400);
    assertThat(inverted.error()).contains("must be after validFrom");
    Reply farFuture =
        publisher.post(
            "api/v1/modes", "{\"name\":\"far\",\"validFrom\":\"+300000-01-01T00:00:00Z\"}");
    assertThat(farFuture.status()).isEqualTo(400);
    assertThat(farFuture.error()).contains("outside the years 1970 to 9999");
    assertThat(
            anonymous
                .get("api/v1/products/p/modes/stable/latest?at=%2B300000-01-01T00:00:00Z")
                .status())
        .isEqualTo(400);
    assertThat(APP.count("modes")).isEqualTo(before);
  }

  @Test
  void unknownPathsAndMethodsAnswerInJson() {
    Reply missing = anonymous.get("api/v1/nothing-here");
    Reply method = publisher.send("PATCH", "api/v1/modes", "application/json", "{}".getBytes());
    Reply media = publisher.send("POST", "api/v1/modes", "text/plain", "stable".getBytes());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isNotBlank();
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.error()).isNotBlank();
    assertThat(media.status()).isEqualTo(415);
    assertThat(media.error()).isNotBlank();
  }

  @Test
  void retiringAnUnknownModeIs404() {
    Reply r = publisher.delete("api/v1/modes/never-made");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo("mode 'never-made' does not exist");
  }

  @Test
  void healthChecksCoverDatabaseAndStoreDisk() {
    Reply health = APP.admin().get("healthcheck");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"database\"", "\"chunk-store-disk\"")
        .doesNotContain("temporal");
  }
}
