package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.model.Domain;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.model.DomainXml;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's high-perf-vm against libvirt itself: the builder program written by the SDK and the
 * corrected seed are the same domain to libvirt (test driver {@code dumpxml}, apart from the UUID); the
 * corrected seed differs from the original only where its header comment says; and libvirt's QEMU driver
 * refuses the original for the reasons the comment gives while it takes the corrected one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeedIT {
    private static final Logger LOG = LoggerFactory.getLogger(SeedIT.class);
    private static final DomainXml XML = DomainXml.defaults();

    /** libvirt's dump without what it generates: the UUID, and the MAC of the NIC (the seed gives none). */
    private static String dumpWithoutUuid(LibvirtConnection conn, Domain domain) {
        LibvirtDomain dom = conn.define(domain, DefineOptions.unchecked());
        try {
            return withoutGenerated(dom.definitionXml());
        } finally {
            dom.undefine();
        }
    }

    private static String withoutGenerated(String dump) {
        return dump.replaceAll("(?m)^\\s*<uuid>[^<]*</uuid>\\n", "")
                .replaceAll("<mac address='[^']*'/>", "<mac address='GENERATED'/>");
    }

    @Test
    void theBuilderProgramIsTheCorrectedSeedToLibvirt() {
        Hosts.assumeTestDriver();
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.TEST_URI)) {
            String built = dumpWithoutUuid(conn, SeedPrograms.highPerfVm().build());
            String corrected = dumpWithoutUuid(conn, XML.parse(SeedPrograms.highPerfVmCorrectedXml()));
            assertThat(built).isEqualTo(corrected);
            assertThat(built).contains("<iothreads>1</iothreads>", "<memballoon model='none'/>", "<acpi/>");
        }
    }

    @Test
    void theCorrectedSeedDiffersFromTheSeedOnlyWhereItsCommentSays() {
        Hosts.assumeTestDriver();
        String seedXml = Corpus.read(Corpus.require("seed/high-perf-vm.xml"));
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.TEST_URI)) {
            // the test driver does not check I/O threads, so it takes the seed as it is
            List<String> seed = withoutGenerated(conn.define(XML.parse(seedXml), DefineOptions.unchecked())
                    .definitionXml()).lines().toList();
            conn.domain("high-perf-vm").undefine();
            List<String> corrected = dumpWithoutUuid(conn, XML.parse(SeedPrograms.highPerfVmCorrectedXml()))
                    .lines().toList();
            List<String> onlyInSeed = minus(seed, corrected);
            List<String> onlyInCorrected = minus(corrected, seed);
            LOG.info("only in the seed's dumpxml: {}; only in the corrected seed's: {}", onlyInSeed, onlyInCorrected);
            // 2. no iothread on the SCSI disk
            assertThat(onlyInSeed).containsExactly("      <driver name='qemu' type='qcow2' cache='none' io='native' "
                    + "discard='unmap' iothread='1'/>");
            assertThat(onlyInCorrected).containsExactly(
                    "  <iothreads>1</iothreads>", // 1.
                    "  <features>", "    <acpi/>", "    <apic/>", "  </features>", // 4.
                    "      <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>", // 2.
                    "    <memballoon model='none'/>"); // 3. (5. and 6. are libvirt's defaults and units anyway)
        }
    }

    @Test
    void theQemuDriverRefusesTheSeedAndTakesTheCorrectedOne() {
        Hosts.assumeTestLibvirtd();
        String seedXml = Corpus.read(Corpus.require("seed/high-perf-vm.xml")).replace("<domain type='kvm'>",
                "<domain type='qemu'>");
        Domain seed = XML.parse(seedXml);
        Domain corrected = XML.parse(SeedPrograms.highPerfVmCorrectedXml().replace("<domain type='kvm'>",
                "<domain type='qemu'>"));
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            assertThat(conn.lookup("high-perf-vm")).as("a domain high-perf-vm already on this host").isEmpty();
            // the SDK's own check refuses it before libvirt is asked ...
            assertThatThrownBy(() -> conn.define(seed)).isInstanceOf(DomainValidationException.class);
            // ... and so does libvirt, with its own message
            assertThatThrownBy(() -> conn.define(seed, DefineOptions.unchecked()))
                    .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                        LOG.info("the QEMU driver refuses the seed: {}", e.libvirtMessage());
                        assertThat(e.code()).isEqualTo(67); // VIR_ERR_CONFIG_UNSUPPORTED
                        assertThat(e.libvirtMessage()).containsAnyOf("controller iothread '1' not defined in iothreadid",
                                "IOThreads not available for bus scsi");
                    });
            // with the I/O threads declared, the remaining reason shows
            Domain declared = XML.parse(seedXml.replace("<vcpu placement='static'>8</vcpu>",
                    "<vcpu placement='static'>8</vcpu><iothreads>1</iothreads>"));
            assertThatThrownBy(() -> conn.define(declared, DefineOptions.unchecked()))
                    .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.libvirtMessage())
                            .contains("IOThreads not available for bus scsi"));
            assertThat(conn.lookup("high-perf-vm")).isEmpty();

            LibvirtDomain dom = conn.define(corrected);
            try {
                assertThat(dom.definition().name()).isEqualTo("high-perf-vm");
                assertThat(dom.definition().iothreads()).hasValue(1);
            } finally {
                dom.undefine();
            }
            assertThat(conn.lookup("high-perf-vm")).isEmpty();
        }
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        List<String> others = new ArrayList<>(b);
        rest.removeIf(others::remove);
        return rest;
    }
}
