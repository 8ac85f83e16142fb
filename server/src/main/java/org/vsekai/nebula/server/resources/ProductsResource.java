package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.schema.CatalogEntryRepository;
import org.vsekai.nebula.server.auth.Roles;

/** {@code /api/v1/products}: the products valid now; creating one is an admin call. */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProductsResource {
  private final CatalogEntryRepository products;

  public ProductsResource(CatalogEntryRepository products) {
    this.products = products;
  }

  @GET
  public Page<ProductInfo> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return RestViews.page(products.validNow(cursor, limit(limit)), RestViews::product);
  }

  /** 201 with the new product, or 200 with the existing one of that name. */
  @POST
  @RolesAllowed(Roles.PUBLISHER)
  public Response create(NewProduct request) {
    NewProduct r = body(request);
    return Responses.created(
        products.create(name("product", r.name()), r.validFrom(), r.validTo()), RestViews::product);
  }
}
