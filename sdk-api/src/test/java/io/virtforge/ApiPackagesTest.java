package io.virtforge;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
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
    /**
     * TEMPORARY: {@code io.virtforge.xml.DomainXml} (the codec's front door) reads and writes the model, while
     * the model is built on the xml package's tree: the one known cycle, xml to model and back. Removed when
     * DomainXml moves to io.virtforge.model ({@link #theTemporaryExceptionIsStillNeeded()} fails then, as a
     * reminder to delete this exception with it).
     */
    private static final String DOMAIN_XML_IN_XML = "io.virtforge.xml.DomainXml";
    private static final DescribedPredicate<JavaClass> DOMAIN_XML_CLASSES =
            nameMatching("io\\.virtforge\\.xml\\.DomainXml(\\$.*)?").forSubtype();

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
                "io.virtforge.value", "io.virtforge.json");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.virtforge.(*)..").should().beFreeOfCycles()
                // TEMPORARY: the xml <-> model cycle through DomainXml; removed when DomainXml moves to
                // io.virtforge.model
                .ignoreDependency(DOMAIN_XML_CLASSES, resideInAPackage("io.virtforge.model.."))
                .check(api);
    }

    @Test
    void theTemporaryExceptionIsStillNeeded() {
        assertThat(api.contain(DOMAIN_XML_IN_XML))
                .as("DomainXml has left io.virtforge.xml: delete the temporary xml <-> model exception of "
                        + "packagesFormNoCycle and this test")
                .isTrue();
    }

    @Test
    void theModelIsPolicyFree() {
        noClasses().that().resideInAPackage("io.virtforge.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.virtforge.build..", "io.virtforge.check..",
                        "io.virtforge.plan..", "io.virtforge.connect..")
                .check(api);
    }
}
