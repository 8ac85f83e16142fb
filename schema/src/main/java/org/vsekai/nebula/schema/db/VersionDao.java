package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** versions and version_validities, and the hot query "what is current in a mode". */
@RegisterConstructorMapper(VersionRow.class)
public interface VersionDao {

  String COLUMNS =
      "v.id, v.product_id, v.major, v.minor, v.patch, v.tag, v.build, v.executable_path, v.created_at,"
          + " p.valid_from, p.valid_to";

  /**
   * How many candidates {@link #offeredAt} reads. A literal, not a bind parameter: with an unknown
   * LIMIT, PostgreSQL's cached generic plan assumes many rows and goes parallel, which costs more
   * than the query itself; with this one the generic plan is the cheap index walk.
   */
  int CANDIDATES = 32;

  /**
   * The instant of {@link #offeredAt}, as a one-row subquery rather than the bare parameter. With
   * the bare parameter PostgreSQL plans every call afresh: knowing the instant, it expects all rows
   * to be in their periods, so its custom plan always looks cheaper than the generic one and it
   * never keeps the generic one; planning was most of the query's time (0.6 of 1 ms with 100k
   * versions, bench/service-bench.sh). A subquery's value is unknown to both plans, so they cost
   * the same, and from the sixth call on a connection PostgreSQL reuses the generic plan, which is
   * the same index walk. Plain SQL, which CockroachDB takes as it is, unlike {@code
   * plan_cache_mode}, which only some of its versions know.
   */
  String AT = "(SELECT CAST(:at AS TIMESTAMPTZ))";

  /** v valid at {@link #AT} (p its period) and released to {@code :mode} at it. */
  String OFFERED_AT =
      " AND p.valid_from <= "
          + AT
          + " AND (p.valid_to IS NULL OR p.valid_to > "
          + AT
          + ")"
          + " AND EXISTS (SELECT 1 FROM releases r"
          + " WHERE r.version_id = v.id AND r.mode_id = (SELECT id FROM modes WHERE name = :mode)"
          + " AND r.valid_from <= "
          + AT
          + " AND (r.valid_to IS NULL OR r.valid_to > "
          + AT
          + "))";

  /**
   * The latest period of each version (by start, then by when it was written): exactly one row,
   * read through the (version_id, valid_from) index.
   */
  String LATEST_PERIOD =
      """
      LEFT JOIN LATERAL (
        SELECT x.valid_from, x.valid_to FROM version_validities x
        WHERE x.version_id = v.id
        ORDER BY x.valid_from DESC, x.created_at DESC
        LIMIT 1) p ON true
      """;

  @SqlQuery(
      """
      INSERT INTO versions (product_id, major, minor, patch, tag, build, executable_path)
      VALUES (:productId, :major, :minor, :patch, :tag, :build, :executablePath)
      RETURNING id""")
  UUID insert(
      UUID productId,
      long major,
      long minor,
      long patch,
      String tag,
      String build,
      String executablePath);

  @SqlUpdate(
      """
      INSERT INTO version_validities (version_id, valid_from, valid_to)
      VALUES (:versionId, :validFrom, :validTo)""")
  void insertValidity(UUID versionId, Instant validFrom, Instant validTo);

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  @SqlUpdate(
      """
      UPDATE version_validities SET valid_to = GREATEST(valid_from, :at)
      WHERE version_id = :versionId AND valid_to IS NULL""")
  int closeValidity(UUID versionId, Instant at);

  /** The version of that precedence (build metadata does not count), with its latest period. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM versions v "
          + LATEST_PERIOD
          + """
          WHERE v.product_id = :productId AND v.major = :major AND v.minor = :minor
            AND v.patch = :patch AND v.tag = :tag""")
  Optional<VersionRow> find(UUID productId, long major, long minor, long patch, String tag);

  @SqlQuery("SELECT " + COLUMNS + " FROM versions v " + LATEST_PERIOD + " WHERE v.id = :versionId")
  Optional<VersionRow> findById(UUID versionId);

  /**
   * Versions valid at {@code at} and released to the mode at {@code at}, highest major.minor.patch
   * first. Pre-release order within one major.minor.patch is SemVer's, which SQL cannot sort; the
   * caller finishes it. Walks the precedence index backwards and stops at {@link #CANDIDATES}.
   * Product and mode are named, so the hot path is one round trip.
   */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM versions v
          JOIN version_validities p ON p.version_id = v.id
          WHERE v.product_id = (SELECT id FROM products WHERE name = :product)"""
          + OFFERED_AT
          + " ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT "
          + CANDIDATES)
  List<VersionRow> offeredAt(String product, String mode, Instant at);

  /** As {@link #offeredAt}, restricted to one major.minor.patch (all its pre-releases). */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM versions v
          JOIN version_validities p ON p.version_id = v.id
          WHERE v.product_id = :productId AND v.major = :major AND v.minor = :minor AND v.patch = :patch"""
          + OFFERED_AT)
  List<VersionRow> offeredAtWithCore(
      UUID productId, String mode, Instant at, long major, long minor, long patch);

  /** A product's versions, newest publication first, strictly before the keyset cursor. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM versions v "
          + LATEST_PERIOD
          + """
          WHERE v.product_id = :productId
            AND (v.created_at < :beforeCreatedAt OR (v.created_at = :beforeCreatedAt AND v.id < :beforeId))
          ORDER BY v.created_at DESC, v.id DESC
          LIMIT :limit""")
  List<VersionRow> pageByPublication(
      UUID productId, Instant beforeCreatedAt, UUID beforeId, int limit);
}
