package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

@Tag("integration")
class InstallCredentialsTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private TestClock clock;
  private TestPostgres.Database db;
  private InstallRepository installs;
  private InstallCredentials credentials;

  @BeforeEach
  void setUp() {
    db = TestPostgres.newMigratedDatabase();
    clock = new TestClock(T0);
    Catalog catalog = Catalog.jdbi(db.transactions(), clock);
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    installs = new InstallRepository(db.transactions(), clock);
    credentials = new InstallCredentials(db.transactions(), clock);
  }

  @Test
  void registrationAssignsTheIdAndIssuesACredentialThatProvesIt() {
    InstallRepository.Registration first =
        installs.registerWithCredential("v-sekai", "stable", null);
    InstallRepository.Registration second =
        installs.registerWithCredential("v-sekai", "stable", null);

    assertThat(first.install().id()).isNotEqualTo(second.install().id());
    assertThat(first.credential()).startsWith(first.install().id() + ".");
    assertThat(credentials.verify(first.credential())).contains(first.install().id());
    assertThat(credentials.verify(second.credential())).contains(second.install().id());
  }

  @Test
  void onlyTheDigestIsStored() {
    String credential = installs.registerWithCredential("v-sekai", "stable", null).credential();
    String secret = credential.substring(credential.indexOf('.') + 1);

    String stored =
        db.transactions()
            .inTransaction(
                h ->
                    h.createQuery("SELECT secret_sha256 FROM install_credentials")
                        .mapTo(String.class)
                        .one());
    assertThat(stored).hasSize(64).doesNotContain(secret);
  }

  @Test
  void aWrongMalformedOrForeignSecretProvesNothing() {
    InstallRepository.Registration a = installs.registerWithCredential("v-sekai", "stable", null);
    InstallRepository.Registration b = installs.registerWithCredential("v-sekai", "stable", null);
    String secretOfB = b.credential().substring(b.credential().indexOf('.') + 1);

    assertThat(credentials.verify(a.install().id() + "." + secretOfB)).isEmpty();
    assertThat(credentials.verify(a.credential() + "x")).isEmpty();
    assertThat(credentials.verify(UUID.randomUUID() + ".whatever")).isEmpty();
    assertThat(credentials.verify("not-a-credential")).isEmpty();
    assertThat(credentials.verify("")).isEmpty();
    assertThat(credentials.verify(null)).isEmpty();
  }

  @Test
  void aRevokedCredentialStopsWorkingAndAReissuedOneReplacesIt() {
    InstallRepository.Registration a = installs.registerWithCredential("v-sekai", "stable", null);
    UUID id = a.install().id();

    clock.advance(Duration.ofMinutes(1));
    assertThat(credentials.revoke(id)).isTrue();
    assertThat(credentials.verify(a.credential())).isEmpty();
    assertThat(credentials.revoke(id)).isFalse();

    clock.advance(Duration.ofMinutes(1));
    String fresh = credentials.reissue(id);
    assertThat(credentials.verify(fresh)).contains(id);
    assertThat(credentials.verify(a.credential())).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    String again = credentials.reissue(id);
    assertThat(credentials.verify(fresh)).isEmpty();
    assertThat(credentials.verify(again)).contains(id);
  }

  @Test
  void revokingAnUnknownInstallIsNotFound() {
    assertThatThrownBy(() -> credentials.revoke(UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class);
  }
}
