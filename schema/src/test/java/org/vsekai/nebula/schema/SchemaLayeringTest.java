package org.vsekai.nebula.schema;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the storage layer may know of the layers around it. */
class SchemaLayeringTest {
  private static final JavaClasses SCHEMA =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.vsekai.nebula.schema");

  @Test
  void repositoriesKnowNoRestShapes() {
    noClasses()
        .that()
        .resideInAPackage("org.vsekai.nebula.schema..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.vsekai.nebula.api.rest..")
        .because(
            "repositories answer in domain records; the REST shapes change with the API's"
                + " version, and the server's resources translate them (RestViews)")
        .check(SCHEMA);
  }
}
