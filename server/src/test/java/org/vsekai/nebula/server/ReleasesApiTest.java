package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.ReleaseManifest.ChunkingParameters;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ModeRelease;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.rest.SigningKeyInfo;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/** Registering releases, their manifests, and what each mode offers over time. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class ReleasesApiTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();
  private static final AtomicInteger PRODUCTS = new AtomicInteger();

  @TempDir static Path work;
  static BuildUploader uploader;
  static ManifestFile game;
  static ManifestFile pack;

  private final ApiClient publisher = APP.publisher();
  private final ApiClient anonymous = APP.anonymous();

  @BeforeAll
  static void uploadBuild() {
    uploader = new BuildUploader(APP.publisher(), work);
    game = uploader.upload("bin/game", BuildUploader.randomBytes(120_000, 1));
    pack = uploader.upload("data/pack0.pck", BuildUploader.randomBytes(300_000, 2));
    APP.publisher().post("api/v1/modes", new NewMode("stable"));
    APP.publisher().post("api/v1/modes", new NewMode("beta"));
  }

  /** A product of its own for each test, so tests do not see each other's versions. */
  private String newProduct() {
    String name = "game-" + PRODUCTS.incrementAndGet();
    assertThat(publisher.post("api/v1/products", new NewProduct(name)).status()).isEqualTo(201);
    return name;
  }

  private static ReleaseRequest release(
      String product, String version, String mode, List<ManifestFile> files) {
    return new ReleaseRequest(
        product, version, mode, "bin/game", BuildUploader.CHUNKING, files, null);
  }

  private String latest(String product, String mode) {
    Reply r = anonymous.get("api/v1/products/" + product + "/modes/" + mode + "/latest");
    return r.status() == 404 ? null : r.as(VersionInfo.class).version();
  }

  @Test
  void aRegisteredReleaseIsSignedSoClientsCanVerifyIt() {
    String product = newProduct();
    // Versions are exact: the v of a release tag is the CLI's to drop, not the service's.
    assertThat(
            publisher
                .post("api/v1/releases", release(product, "v1.0.0", "stable", List.of(pack, game)))
                .status())
        .isEqualTo(400);
    Reply reply =
        publisher.post("api/v1/releases", release(product, "1.0.0", "stable", List.of(pack, game)));

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    ReleaseInfo info = reply.as(ReleaseInfo.class);
    assertThat(info.version()).isEqualTo("1.0.0");
    SigningKeyInfo key = anonymous.get("api/v1/signing-key").as(SigningKeyInfo.class);
    ManifestVerifier verifier = new ManifestVerifier(Ed25519Keys.publicKey(key.publicKey()));
    ReleaseManifest manifest =
        verifier.verify(
            info.manifest(), new ManifestVerifier.Expectation(product, null, Instant.now(), false));
    assertThat(manifest.files()).containsExactly(game, pack);
    assertThat(manifest.executablePath()).isEqualTo("bin/game");
    assertThat(manifest.mode()).isEqualTo("stable");
    assertThat(manifest.expires()).isAfter(Instant.now().plus(300, ChronoUnit.DAYS));

    SignedManifest served =
        anonymous
            .get("api/v1/products/" + product + "/versions/1.0.0/manifest")
            .as(SignedManifest.class);
    assertThat(served).isEqualTo(info.manifest());
    assertThat(latest(product, "stable")).isEqualTo("1.0.0");
    assertThat(latest(product, "beta")).isNull();
    VersionInfo listed =
        anonymous
            .get("api/v1/products/" + product + "/versions")
            .as(new TypeReference<Page<VersionInfo>>() {})
            .items()
            .get(0);
    assertThat(listed.modes()).containsExactly("stable");
  }

  @Test
  void aSecondRegistrationOfTheSameVersionIs409() {
    String product = newProduct();
    publisher.post("api/v1/releases", release(product, "1.0.0", "stable", List.of(game)));
    int versions = APP.count("versions");
    int manifests = APP.count("manifests");

    Reply again =
        publisher.post(
            "api/v1/releases", release(product, "1.0.0+rebuild", "beta", List.of(game, pack)));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo(product + " 1.0.0+rebuild already exists");
    assertThat(APP.count("versions")).isEqualTo(versions);
    assertThat(APP.count("manifests")).isEqualTo(manifests);
  }

  @Test
  void aReleaseIsRefusedUntilItsIndexesAndChunksAreUploaded() {
    String product = newProduct();
    int versions = APP.count("versions");
    ManifestFile notUploaded =
        uploader.chunk("bin/other", BuildUploader.randomBytes(50_000, 3)).file();
    BuildUploader.Chunked indexOnly =
        uploader.uploadIndexOnly("bin/third", BuildUploader.randomBytes(70_000, 4));

    Reply noIndex =
        publisher.post(
            "api/v1/releases", release(product, "1.0.0", "stable", List.of(game, notUploaded)));
    Reply noChunks =
        publisher.post(
            "api/v1/releases",
            release(product, "1.0.0", "stable", List.of(game, indexOnly.file())));
    ManifestFile wrongSize =
        new ManifestFile("bin/game", game.size() + 1, "0755", game.indexSha256());
    Reply sizeMismatch =
        publisher.post("api/v1/releases", release(product, "1.0.0", "stable", List.of(wrongSize)));
    ReleaseRequest otherChunking =
        new ReleaseRequest(
            product,
            "1.0.0",
            "stable",
            null,
            new ChunkingParameters(2048, 4096, 16384),
            List.of(pack),
            null);
    Reply chunkingMismatch = publisher.post("api/v1/releases", otherChunking);

    assertThat(noIndex.status()).isEqualTo(422);
    assertThat(noIndex.error()).contains(notUploaded.indexSha256(), "not in the index store");
    assertThat(noChunks.status()).isEqualTo(422);
    assertThat(noChunks.error())
        .contains(indexOnly.index().distinctIds().size() + " chunk(s) are not in the chunk store");
    assertThat(sizeMismatch.status()).isEqualTo(422);
    assertThat(sizeMismatch.error()).contains("has size " + (game.size() + 1));
    assertThat(chunkingMismatch.status()).isEqualTo(422);
    assertThat(chunkingMismatch.error()).contains("was chunked with");
    assertThat(APP.count("versions")).isEqualTo(versions);

    indexOnly.index().distinctIds().forEach(uploader::putChunk);
    assertThat(
            publisher
                .post(
                    "api/v1/releases",
                    release(product, "1.0.0", "stable", List.of(game, indexOnly.file())))
                .status())
        .isEqualTo(201);
  }

  @Test
  void malformedReleasesAre400AndWriteNothing() {
    String product = newProduct();
    int versions = APP.count("versions");
    ChunkingParameters c = BuildUploader.CHUNKING;
    List<Object[]> cases =
        List.of(
            new Object[] {
              new ReleaseRequest(product, "1.0", "stable", null, c, List.of(game), null),
              "not a semantic version"
            },
            new Object[] {
              new ReleaseRequest(product, "1.0.0", "stable", null, null, List.of(game), null),
              "chunking"
            },
            new Object[] {
              new ReleaseRequest(
                  product, "1.0.0", "stable", null, c, List.of(game), null, "x".repeat(70_000)),
              "notes are longer than"
            },
            new Object[] {
              new ReleaseRequest(
                  product, "1.0.0", "stable", null, c, List.of(game), null, "ring\u0007bell"),
              "control character"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  new ChunkingParameters(16, 32, 64),
                  List.of(game),
                  null),
              "too small"
            },
            new Object[] {
              new ReleaseRequest(product, "1.0.0", "stable", null, c, List.of(), null),
              "at least one file"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(new ManifestFile("../evil", 1, "0644", game.indexSha256())),
                  null),
              "escapes"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(new ManifestFile("C:/evil", 1, "0644", game.indexSha256())),
                  null),
              "drive letter"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(game, new ManifestFile("BIN/GAME", 1, "0644", game.indexSha256())),
                  null),
              "listed twice"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(game, new ManifestFile("bin", 1, "0644", game.indexSha256())),
                  null),
              "both a file and a folder"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(new ManifestFile("a", 1, "rwx", game.indexSha256())),
                  null),
              "permissions"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(new ManifestFile("a", 1, "0644", "ABC")),
                  null),
              "indexSha256"
            },
            new Object[] {
              new ReleaseRequest(
                  product,
                  "1.0.0",
                  "stable",
                  null,
                  c,
                  List.of(new ManifestFile("a", -1, "0644", game.indexSha256())),
                  null),
              "negative size"
            },
            new Object[] {
              new ReleaseRequest(product, "1.0.0", "stable", "bin/missing", c, List.of(game), null),
              "not one of the release's files"
            },
            new Object[] {
              new ReleaseRequest("Bad Name", "1.0.0", "stable", null, c, List.of(game), null),
              "product name"
            },
            new Object[] {
              new ReleaseRequest(product, "1.0.0", null, null, c, List.of(game), null),
              "mode name is missing"
            });
    for (Object[] bad : cases) {
      Reply r = publisher.post("api/v1/releases", bad[0]);
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.error()).contains((String) bad[1]);
    }
    assertThat(publisher.post("api/v1/releases", "{\"product\": 5, \"files\": {}}").status())
        .isEqualTo(400);
    assertThat(APP.count("versions")).isEqualTo(versions);
  }

  @Test
  void unknownProductOrModeIs404AndNoTokenIs401() {
    Reply product =
        publisher.post(
            "api/v1/releases", release("no-such-game", "1.0.0", "stable", List.of(game)));
    Reply mode =
        publisher.post("api/v1/releases", release(newProduct(), "1.0.0", "nightly", List.of(game)));
    Reply anon =
        anonymous.post("api/v1/releases", release(newProduct(), "1.0.0", "stable", List.of(game)));

    assertThat(product.status()).isEqualTo(404);
    assertThat(product.error()).isEqualTo("product 'no-such-game' does not exist");
    assertThat(mode.status()).isEqualTo(404);
    assertThat(mode.error()).isEqualTo("mode 'nightly' does not exist");
    assertThat(anon.status()).isEqualTo(401);
  }

  @Test
  void aVersionStartingTomorrowIsNotOfferedYetAndAWithdrawnOneNoLonger() {
    String product = newProduct();
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    publisher.post("api/v1/releases", release(product, "1.0.0", "stable", List.of(game)));
    publisher.post("api/v1/releases", release(product, "1.1.0", "stable", List.of(game)));
    Reply scheduled =
        publisher.post(
            "api/v1/releases",
            new ReleaseRequest(
                product, "2.0.0", "stable", null, BuildUploader.CHUNKING, List.of(game), tomorrow));
    assertThat(scheduled.as(ReleaseInfo.class).validFrom()).isEqualTo(tomorrow);

    assertThat(latest(product, "stable")).isEqualTo("1.1.0");
    assertThat(
            anonymous
                .get("api/v1/products/" + product + "/modes/stable/latest?at=" + tomorrow)
                .as(VersionInfo.class)
                .version())
        .isEqualTo("2.0.0");

    VersionInfo withdrawn =
        publisher.delete("api/v1/products/" + product + "/versions/1.1.0").as(VersionInfo.class);
    assertThat(withdrawn.validTo()).isNotNull();
    assertThat(latest(product, "stable")).isEqualTo("1.0.0");
    assertThat(
            anonymous
                .get("api/v1/products/" + product + "/modes/stable/latest?at=tomorrow")
                .status())
        .isEqualTo(400);
  }

  @Test
  void aVersionIsPromotedToAnotherModeAndWithdrawnFromIt() {
    String product = newProduct();
    publisher.post("api/v1/releases", release(product, "2.0.0-beta.2", "beta", List.of(game)));
    String path = "api/v1/products/" + product + "/versions/2.0.0-beta.2/modes";

    Reply promoted = publisher.post(path, new ModeRelease("stable"));
    Reply twice = publisher.post(path, new ModeRelease("stable"));

    assertThat(promoted.status()).isEqualTo(201);
    assertThat(promoted.as(VersionInfo.class).modes()).containsExactly("beta", "stable");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(latest(product, "stable")).isEqualTo("2.0.0-beta.2");
    assertThat(publisher.delete(path + "/stable").status()).isEqualTo(200);
    assertThat(publisher.delete(path + "/stable").status()).isEqualTo(404);
    assertThat(latest(product, "stable")).isNull();
    assertThat(latest(product, "beta")).isEqualTo("2.0.0-beta.2");
    assertThat(anonymous.post(path, new ModeRelease("stable")).status()).isEqualTo(401);
  }

  @Test
  void versionsAndManifestsOfUnknownOrMalformedVersions() {
    String product = newProduct();

    assertThat(anonymous.get("api/v1/products/" + product + "/versions/9.9.9/manifest").status())
        .isEqualTo(404);
    assertThat(anonymous.get("api/v1/products/" + product + "/versions/nine").error())
        .contains("not a semantic version");
    assertThat(anonymous.get("api/v1/products/" + product + "/modes/stable/latest").error())
        .isEqualTo("no version of " + product + " is offered in mode stable");
    assertThat(anonymous.get("api/v1/products/unknown-game/versions").status()).isEqualTo(404);
    assertThat(
            SemVer.parse(
                publisher
                    .post("api/v1/releases", release(product, "0.1.0", "stable", List.of(game)))
                    .as(ReleaseInfo.class)
                    .version()))
        .isEqualTo(SemVer.of(0, 1, 0));
    assertThat(
            anonymous
                .get("api/v1/products/" + product + "/versions/0.1.0")
                .as(VersionInfo.class)
                .executablePath())
        .isEqualTo("bin/game");
  }
}
