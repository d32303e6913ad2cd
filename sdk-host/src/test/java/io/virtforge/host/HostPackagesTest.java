package io.virtforge.host;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
 * The layering of sdk-host's packages (see the package-info of {@code io.virtforge.host}): {@code sysfs} at
 * the bottom, {@code hugepages} and {@code pci} on it, {@code mdev} on {@code pci} (its host lock),
 * {@code discovery} on those, {@code audit} on top, and
 * the front door {@code io.virtforge.host} above them all. Main classes only: a test may use any package.
 */
class HostPackagesTest {
    private static JavaClasses host;

    @BeforeAll
    static void importMainClasses() {
        host = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.virtforge.host");
    }

    @Test
    void theSubPackagesAreThereToCheck() {
        // an import that found nothing (a renamed package, classes not compiled) would let a rule pass vacuously
        Set<String> packages = host.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains("io.virtforge.host", "io.virtforge.host.sysfs", "io.virtforge.host.hugepages",
                "io.virtforge.host.pci", "io.virtforge.host.mdev", "io.virtforge.host.discovery",
                "io.virtforge.host.audit");
    }

    @Test
    void subPackagesFormNoCycle() {
        slices().matching("io.virtforge.host.(*)..").should().beFreeOfCycles().check(host);
    }

    @Test
    void sysfsDependsOnNoOtherHostPackage() {
        noClasses().that().resideInAPackage("io.virtforge.host.sysfs..")
                .should().dependOnClassesThat(resideInAPackage("io.virtforge.host..")
                        .and(not(resideInAPackage("io.virtforge.host.sysfs.."))))
                .check(host);
    }

    @Test
    void noSubPackageUsesTheFrontDoor() {
        noClasses().that().resideInAPackage("io.virtforge.host.*..")
                .should().dependOnClassesThat().resideInAPackage("io.virtforge.host")
                .check(host);
    }
}
