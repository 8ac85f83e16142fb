package org.vsekai.nebula.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * What one client may cost the service: bodies are capped on every endpoint (413, or 411 without a
 * length) before anything is read; callers without a role token are rate-limited by address (429
 * with Retry-After), registration more tightly; the publisher is not.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
// Every test calls from 127.0.0.1, so they share its buckets: the flood comes last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class ServiceLimitsTest {
  static final NebulaApp APP =
      NebulaApp.create(
          ConfigOverride.config("limits.registrationsPerMinute", "6"),
          ConfigOverride.config("limits.registrationBurst", "3"),
          ConfigOverride.config("limits.requestsPerSecond", "5"),
          ConfigOverride.config("limits.requestBurst", "30"));
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @BeforeAll
  static void catalog() {
    APP.publisher().post("api/v1/products", new NewProduct("v-sekai"));
    APP.publisher().post("api/v1/modes", new NewMode("stable"));
  }

  @Test
  @Order(1)
  void aBodyOverItsEndpointsCapIsRefusedUnread() throws Exception {
    int installs = APP.count("installs");
    Reply big = APP.publisher().post("api/v1/modes", "{\"name\":\"" + "x".repeat(100_000) + "\"}");
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.error()).contains("over the 65536-byte limit");

    HttpResponse<String> chunked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(APP.baseUrl().resolve("api/v1/installs"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream("{}".getBytes())))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(411);
    assertThat(chunked.body()).startsWith("{\"error\":");
    assertThat(APP.count("installs")).isEqualTo(installs);
  }

  @Test
  @Order(2)
  void registrationIsRateLimitedByAddress() {
    ApiClient anonymous = APP.anonymous();
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      replies.add(
          anonymous.post("api/v1/installs", new InstallRegistration("v-sekai", "stable", null)));
    }
    assertThat(replies.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    Reply limited = replies.get(5);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.error()).contains("too many registrations");
    assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(APP.count("installs")).isLessThanOrEqualTo(5);
  }

  @Test
  @Order(3)
  void anonymousReadsAreRateLimitedButThePublisherIsNot() {
    ApiClient anonymous = APP.anonymous();
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      Reply r = anonymous.get("api/v1/modes");
      if (r.status() == 429) {
        limited++;
        assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(limited).isPositive();
    // A made-up token buys nothing; the real one is not limited.
    assertThat(anonymous.withToken("made-up").get("api/v1/modes").status()).isEqualTo(429);
    for (int i = 0; i < 60; i++) {
      assertThat(APP.publisher().get("api/v1/modes").status()).isEqualTo(200);
    }
  }
}
