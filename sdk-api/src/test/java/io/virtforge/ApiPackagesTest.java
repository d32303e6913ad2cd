package io.virtforge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of sdk-api form no cycle, and the model stays policy-free: it knows nothing of the builder, the
 * checks, the planner or the connection. Main classes only: a test may use any package.
 */
class ApiPackagesTest {
    private static JavaClasses api;

    @BeforeAll
    static void importMainClasses() {
        api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.virtforge");
    }

    @Test
    void thePackagesAreThereToCheck() {
        // an import that found nothing (a renamed package, classes not compiled) would let a rule pass vacuously
        Set<String> packages = api.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains("io.virtforge.model", "io.virtforge.xml", "io.virtforge.build",
                "io.virtforge.check", "io.virtforge.plan", "io.virtforge.connect", "io.virtforge.topology",
                "io.virtforge.value", "io.virtforge.json", "io.virtforge.fleet", "io.virtforge.migrate");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.virtforge.(*)..").should().beFreeOfCycles().check(api);
    }

    @Test
    void nothingDependsOnTheFleet() {
        // the fleet sits on top of the planner: single-host code must not learn about fleets (migration, above
        // it, claims the destination's resources in the fleet's store)
        noClasses().that().resideOutsideOfPackages("io.virtforge.fleet..", "io.virtforge.migrate..")
                .should().dependOnClassesThat().resideInAPackage("io.virtforge.fleet..")
                .check(api);
    }

    @Test
    void nothingDependsOnMigration() {
        // migration is the top of sdk-api: it plans (plan), claims (fleet) and moves (connect)
        noClasses().that().resideOutsideOfPackage("io.virtforge.migrate..")
                .should().dependOnClassesThat().resideInAPackage("io.virtforge.migrate..")
                .check(api);
    }

    @Test
    void theTreeKnowsNothingOfTheModel() {
        // the lossless tree, its parser and its writer serve any XML: the codec of the domain model is the model's
        noClasses().that().resideInAPackage("io.virtforge.xml..")
                .should().dependOnClassesThat().resideInAPackage("io.virtforge.model..")
                .check(api);
    }

    @Test
    void theModelIsPolicyFree() {
        noClasses().that().resideInAPackage("io.virtforge.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.virtforge.build..", "io.virtforge.check..",
                        "io.virtforge.plan..", "io.virtforge.connect..")
                .check(api);
    }
}
