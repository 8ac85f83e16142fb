package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.name;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.schema.CatalogEntryRepository;
import org.vsekai.nebula.server.auth.Roles;

/** {@code /api/v1/products/{product}}: retiring a product ends its validity period now. */
@Path("/api/v1/products/{product}")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductResource {
  private final CatalogEntryRepository products;

  public ProductResource(CatalogEntryRepository products) {
    this.products = products;
  }

  @DELETE
  @RolesAllowed(Roles.PUBLISHER)
  public ProductInfo retire(@PathParam("product") String product) {
    return RestViews.product(products.retire(name("product", product)));
  }
}
