package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * Products and modes through the whole service on PostgreSQL: what a refused call leaves in the
 * tables, and the JSON answers of Jetty and Jersey together. The resources' behaviour, over a fake
 * catalog, is in {@code resources.CatalogResourcesTest}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class CatalogApiTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

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
  void refusedBodiesWriteNoRow() {
    int before = APP.count("modes");

    assertThat(publisher.post("api/v1/modes", new NewMode("Has Spaces")).status()).isEqualTo(400);
    assertThat(publisher.post("api/v1/modes", "{not json").status()).isEqualTo(400);
    assertThat(
            publisher
                .post(
                    "api/v1/modes", "{\"name\":\"far\",\"validFrom\":\"+300000-01-01T00:00:00Z\"}")
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
  void healthChecksCoverDatabaseAndStoreDisk() {
    Reply health = APP.admin().get("healthcheck");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"database\"", "\"chunk-store-disk\"")
        .doesNotContain("temporal");
  }
}
