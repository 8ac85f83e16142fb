package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** products and product_validities. */
@RegisterConstructorMapper(NamedRow.class)
public interface ProductDao {

  @SqlQuery("INSERT INTO products (name) VALUES (:name) RETURNING id")
  UUID insert(String name);

  @SqlUpdate(
      "INSERT INTO product_validities (product_id, valid_from, valid_to) VALUES (:productId, :validFrom, :validTo)")
  void insertValidity(UUID productId, Instant validFrom, Instant validTo);

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  @SqlUpdate(
      """
      UPDATE product_validities SET valid_to = GREATEST(valid_from, :at)
      WHERE product_id = :productId AND valid_to IS NULL""")
  int closeValidity(UUID productId, Instant at);

  @SqlQuery("SELECT name FROM products WHERE id = :id")
  String name(UUID id);

  /** The product with its latest period, valid or not. */
  @SqlQuery(
      """
      SELECT pr.id, pr.name, p.valid_from, p.valid_to
      FROM products pr JOIN product_validities p ON p.product_id = pr.id
      WHERE pr.name = :name
      ORDER BY p.valid_from DESC
      LIMIT 1""")
  Optional<NamedRow> findLatest(String name);

  @SqlQuery(
      """
      SELECT pr.id, pr.name, p.valid_from, p.valid_to
      FROM products pr JOIN product_validities p ON p.product_id = pr.id
      WHERE pr.name = :name
        AND p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)""")
  Optional<NamedRow> findValidAt(String name, Instant at);

  /** Products valid at {@code at}, by name, those after {@code afterName} only. */
  @SqlQuery(
      """
      SELECT pr.id, pr.name, p.valid_from, p.valid_to
      FROM products pr JOIN product_validities p ON p.product_id = pr.id
      WHERE p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)
        AND pr.name > :afterName
      ORDER BY pr.name
      LIMIT :limit""")
  List<NamedRow> listValidAt(Instant at, String afterName, int limit);
}
