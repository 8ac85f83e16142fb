package org.vsekai.nebula.schema;

import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.vsekai.nebula.schema.db.CasyncCacheDao;
import org.vsekai.nebula.schema.db.CatalogEntryDao;
import org.vsekai.nebula.schema.db.InstallDao;
import org.vsekai.nebula.schema.db.ManifestDao;
import org.vsekai.nebula.schema.db.OfferedReleaseDao;
import org.vsekai.nebula.schema.db.ReleaseDao;
import org.vsekai.nebula.schema.db.RolloutDao;
import org.vsekai.nebula.schema.db.TufMetadataDao;
import org.vsekai.nebula.schema.db.UpdateProcessDao;
import org.vsekai.nebula.schema.db.VersionDao;

/** The one way a {@link Jdbi} for Nebula's schema is configured, in tests and in the service. */
public final class NebulaJdbi {
  private NebulaJdbi() {}

  /**
   * The DAOs the repositories attach to their handles. {@link #configure} computes their SqlObject
   * metadata once, on the Jdbi itself: Jdbi 3.51 gives every Handle a copy of the Jdbi's metadata
   * cache and never copies back what a Handle computed, so {@code h.attach(Dao.class)} in a new
   * Handle (every transaction) otherwise rebuilds it by reflection, throwing and catching
   * exceptions on the way (jdbi/jdbi#2991, fixed after 3.53). That was about 1 ms of each "current
   * version" call, more than half of it (in process, p50 1.8 ms before, 0.74 ms after;
   * bench/service-bench.sh). A DAO missing here still works, only slower.
   */
  static final List<Class<?>> DAOS =
      List.of(
          CasyncCacheDao.class,
          CatalogEntryDao.class,
          InstallDao.class,
          ManifestDao.class,
          OfferedReleaseDao.class,
          ReleaseDao.class,
          RolloutDao.class,
          TufMetadataDao.class,
          UpdateProcessDao.class,
          VersionDao.class);

  public static Jdbi create(DataSource dataSource) {
    return configure(Jdbi.create(dataSource));
  }

  /**
   * Installs what the DAOs need: SqlObject, and java.time/UUID binding as PostgreSQL wants it; then
   * caches the DAOs' metadata (opens no connection). Call it after any other configuration of
   * {@code jdbi}: metadata cached before a later registration would not see it.
   */
  public static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    for (Class<?> dao : DAOS) {
      cacheMetadata(jdbi, dao);
    }
    return jdbi;
  }

  private static <E> void cacheMetadata(Jdbi jdbi, Class<E> dao) {
    jdbi.withExtension(dao, attached -> null); // attaches on the Jdbi's own configuration
  }
}
