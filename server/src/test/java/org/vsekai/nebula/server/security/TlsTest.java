package org.vsekai.nebula.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.client.InsecureTransportException;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import org.vsekai.nebula.worker.GatewayConnection;

/**
 * The service with a certificate: its API is HTTPS and its install gateway TLS, both with a
 * generated self-signed certificate that clients trust through {@code --ca} / NEBULA_CA_CERT; a
 * client that does not trust it gets nowhere, and no credential ever goes out in plain text to
 * anything but loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class TlsTest {
  @TempDir static Path dir;
  private TestCertificate certificate;
  private EmbeddedTemporal temporal;
  private EmbeddedNebulaService nebula;

  @BeforeAll
  void start() throws Exception {
    certificate = TestCertificate.make(dir);
    temporal = EmbeddedTemporal.start(0);
    nebula =
        EmbeddedNebulaService.start(
            dir.resolve("service"),
            Map.of(
                "NEBULA_TEMPORAL_TARGET", temporal.address(),
                "NEBULA_TLS_KEYSTORE", certificate.keyStore().toString(),
                "NEBULA_TLS_KEYSTORE_PASSWORD", certificate.password()));
  }

  @AfterAll
  void stop() throws Exception {
    if (nebula != null) {
      nebula.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void theApiIsHttpsByNameAndByAddress() {
    URI https = nebula.baseUrl();
    assertThat(https.getScheme()).isEqualTo("https");
    URI byName = URI.create("https://localhost:" + https.getPort() + "/");
    assertThat(new ServiceClient(byName, null, certificate.pem()).signingKey().publicKey())
        .isEqualTo(nebula.signingPublicKey());
    assertThat(new ServiceClient(https, null, certificate.pem()).signingKey().publicKey())
        .isEqualTo(nebula.signingPublicKey());
  }

  @Test
  void registrationOverHttpsGivesACredentialThatWorksOverTlsToTheGateway() {
    ServiceClient publisher =
        new ServiceClient(nebula.baseUrl(), nebula.publisherToken(), certificate.pem());
    publisher.createProduct("v-sekai");
    publisher.createMode("stable");
    InstallRegistered registered =
        new ServiceClient(nebula.baseUrl(), null, certificate.pem())
            .registerInstall(new InstallRegistration("v-sekai", "stable", null));
    assertThat(registered.gatewayTls()).isTrue();

    var client =
        new GatewayConnection(
                registered.gateway(), true, certificate.pem(), registered.credential())
            .connect();
    try {
      assertThat(
              client
                  .getWorkflowServiceStubs()
                  .blockingStub()
                  .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                  .hasCapabilities())
          .isTrue();
    } finally {
      client.getWorkflowServiceStubs().shutdownNow();
    }
    // The same over TLS without trusting the certificate: nothing.
    assertThatThrownBy(
            () ->
                new GatewayConnection(registered.gateway(), true, null, registered.credential())
                    .connect())
        .hasMessageContaining("cannot reach the install gateway");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsNotServed() {
    ServiceClient untrusting = new ServiceClient(nebula.baseUrl(), null, null);
    assertThatThrownBy(untrusting::signingKey)
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("cannot reach the Nebula service");
  }

  @Test
  void credentialsNeverGoInPlainTextToAnythingButLoopback() {
    assertThatThrownBy(
            () -> new ServiceClient(URI.create("http://updates.example.org/"), "a-token", null))
        .isInstanceOf(InsecureTransportException.class)
        .hasMessageContaining("refusing to send a credential in plain HTTP");
    assertThatThrownBy(
            () ->
                new GatewayConnection("gateway.example.org:7243", false, null, "id.secret")
                    .connect())
        .isInstanceOf(InsecureTransportException.class);
    // Loopback and HTTPS are fine; anonymous plain HTTP too.
    new ServiceClient(URI.create("http://127.0.0.1:1/"), "a-token", null);
    new ServiceClient(URI.create("https://updates.example.org/"), "a-token", null);
    new ServiceClient(URI.create("http://updates.example.org/"), null, null);
  }
}
