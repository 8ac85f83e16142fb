package org.vsekai.nebula.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Products the service publishes (release engineers): {@code product create|list}. */
@Command(
    name = "product",
    description = "Products the service publishes: create, list.",
    subcommands = {ProductCommand.Create.class, ProductCommand.ListProducts.class})
public final class ProductCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  @Command(name = "create", description = "Create a product (publisher token).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin PublisherTokenOption token;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      ProductInfo p = token.publisher(g).createProduct(name);
      if (g.json) {
        JsonOutput.line(Cli.out(spec), p);
      } else {
        Cli.out(spec).println("Product " + p.name() + " valid from " + p.validFrom());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List the products valid now.")
  static final class ListProducts implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      List<ProductInfo> products = ServiceAccess.reader(g).products();
      if (g.json) {
        JsonOutput.line(Cli.out(spec), products);
      } else {
        products.forEach(p -> Cli.out(spec).println(p.name()));
      }
      return ExitCodes.OK;
    }
  }
}
