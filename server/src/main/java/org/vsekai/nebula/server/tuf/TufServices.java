package org.vsekai.nebula.server.tuf;

import java.nio.file.Path;
import java.time.Clock;
import org.vsekai.nebula.schema.SerializableTransactions;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.server.config.TufFactory;
import org.vsekai.nebula.server.core.SigningKeys;
import org.vsekai.nebula.server.store.IndexStore;

/** The service's TUF repository: stored metadata, online keys, and who signs what when. */
public record TufServices(
    TufMetadataRepository metadata,
    OnlineKeys onlineKeys,
    CatalogTargets catalogTargets,
    TufPublisher publisher,
    TufUploads uploads) {

  public static TufServices wire(
      TufFactory config,
      Path dataDir,
      SerializableTransactions tx,
      IndexStore indexes,
      SigningKeys signingKeys,
      Clock clock) {
    TufMetadataRepository metadata = new TufMetadataRepository(tx);
    OnlineKeys keys = OnlineKeys.configuredOrStored(config, dataDir);
    CatalogTargets targets = new CatalogTargets(indexes);
    TufPublisher publisher =
        new TufPublisher(
            metadata, targets, keys, signingKeys.tufSigner(), TufLifetimes.of(config), clock);
    return new TufServices(
        metadata, keys, targets, publisher, new TufUploads(metadata, publisher, clock));
  }
}
