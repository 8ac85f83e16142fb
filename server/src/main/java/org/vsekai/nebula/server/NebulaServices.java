package org.vsekai.nebula.server;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.vsekai.nebula.desync.ChunkVerifier;
import org.vsekai.nebula.desync.HashAlgorithm;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.schema.Catalog;
import org.vsekai.nebula.schema.FilePatchRepository;
import org.vsekai.nebula.schema.InstallCredentials;
import org.vsekai.nebula.schema.InstallRepository;
import org.vsekai.nebula.schema.JdbiInstallCredentials;
import org.vsekai.nebula.schema.JdbiInstallRepository;
import org.vsekai.nebula.schema.JdbiUpdateProcessRepository;
import org.vsekai.nebula.schema.SerializableTransactions;
import org.vsekai.nebula.schema.UpdateProcessRepository;
import org.vsekai.nebula.server.core.ManifestService;
import org.vsekai.nebula.server.core.ReleasePublisher;
import org.vsekai.nebula.server.core.RoleToken;
import org.vsekai.nebula.server.core.SigningKeys;
import org.vsekai.nebula.server.patches.PatchJobs;
import org.vsekai.nebula.server.patches.PatchMaker;
import org.vsekai.nebula.server.patches.PatchStore;
import org.vsekai.nebula.server.store.IndexStore;
import org.vsekai.nebula.server.store.ReleaseContentCheck;
import org.vsekai.nebula.server.tuf.TufServices;

/**
 * The service's objects apart from HTTP: repositories, stores, keys, the TUF repository. The REST
 * resources use them, and so can code running in the same process (server-side activities, the
 * CLI's embedded service).
 */
public record NebulaServices(
    Clock clock,
    SerializableTransactions transactions,
    Catalog catalog,
    InstallRepository installs,
    UpdateProcessRepository updateProcesses,
    LocalChunkStore chunkStore,
    IndexStore indexStore,
    SigningKeys signingKeys,
    RoleToken publisherToken,
    RoleToken supportToken,
    InstallCredentials installCredentials,
    ManifestService manifests,
    ReleasePublisher releasePublisher,
    TufServices tuf,
    FilePatchRepository patches,
    PatchStore patchStore,
    PatchJobs patchJobs) {

  public static NebulaServices wire(NebulaConfiguration config, Jdbi jdbi, Clock clock) {
    SerializableTransactions tx = new SerializableTransactions(jdbi);
    Catalog catalog = Catalog.jdbi(tx, clock);
    LocalChunkStore chunks =
        LocalChunkStore.durable(
            config.store().chunkDir(config.dataDir()),
            new ChunkVerifier(HashAlgorithm.SHA512_256, config.store().maxChunkBytes()));
    IndexStore indexes = new IndexStore(config.store().indexDir(config.dataDir()));
    SigningKeys keys = SigningKeys.configuredOrStored(config.signing(), config.dataDir());
    ManifestService manifests =
        new ManifestService(catalog.versions(), keys, config.signing().manifestLifetime(), clock);
    TufServices tuf = TufServices.wire(config.tuf(), config.dataDir(), tx, indexes, keys, clock);
    FilePatchRepository patches = new FilePatchRepository(tx);
    PatchStore patchStore = new PatchStore(config.store().patchDir(config.dataDir()));
    PatchJobs patchJobs =
        new PatchJobs(
            new PatchMaker(
                patches,
                chunks,
                indexes,
                patchStore,
                new PatchMaker.Settings(
                    config.store().patchSources(),
                    config.store().patchLevel(),
                    PatchMaker.Settings.DEFAULT.minChunkBytes())),
            tuf.publisher()::refreshAfterCatalogChange);
    return new NebulaServices(
        clock,
        tx,
        catalog,
        new JdbiInstallRepository(tx, clock),
        new JdbiUpdateProcessRepository(tx, clock),
        chunks,
        indexes,
        keys,
        RoleToken.configuredOrStored(
            config.publisherToken(), config.dataDir(), RoleToken.PUBLISHER_FILE),
        RoleToken.configuredOrStored(
            config.supportToken(), config.dataDir(), RoleToken.SUPPORT_FILE),
        new JdbiInstallCredentials(tx, clock),
        manifests,
        new ReleasePublisher(
            catalog.releases(),
            new ReleaseContentCheck(indexes, chunks),
            manifests,
            tuf.publisher()::refreshAfterCatalogChange,
            config.store().patchSources() > 0 ? patchJobs::request : (product, version) -> {}),
        tuf,
        patches,
        patchStore,
        patchJobs);
  }
}
