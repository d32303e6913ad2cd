package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.model.Domain;
import io.virtforge.value.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options as libvirt's migrate-3 parameters and flags (libvirt's stable ABI values). */
class LibvirtMigrationTest {
    private final Domain vm = DomainBuilder.named("vm").memory(DataSize.gib(1)).vcpus(1).assemble();

    @Test
    void theDefaultsAreLivePersistOnTheDestinationAndUndefineTheSource() {
        MigrationOptions o = MigrationOptions.builder().build();
        assertThat(LibvirtMigration.flags(o)).isEqualTo(1 | 8 | 16);
        assertThat(LibvirtMigration.params(o)).isEmpty();
    }

    @Test
    void theDestinationXmlIsAlsoThePersistentOneWhenPersisting() {
        MigrationOptions o = MigrationOptions.builder().destinationXml(vm).migrationUri("tcp://127.0.0.1")
                .bandwidthPerSecond(DataSize.mib(64)).autoConverge(true).maxDowntime(Duration.ofMillis(200)).build();
        assertThat(LibvirtMigration.flags(o)).isEqualTo(1 | 8 | 16 | 8192);
        assertThat(LibvirtMigration.params(o)).containsOnlyKeys("migrate_uri", "destination_xml", "persistent_xml",
                "bandwidth").containsEntry("bandwidth", 64L).containsEntry("migrate_uri", "tcp://127.0.0.1");
        assertThat((String) LibvirtMigration.params(o).get("destination_xml")).contains("<name>vm</name>")
                .isEqualTo(LibvirtMigration.params(o).get("persistent_xml"));
    }

    @Test
    void aTransientMoveSendsNoPersistentXml() {
        MigrationOptions o = MigrationOptions.builder().destinationXml(vm).persistOnDestination(false)
                .undefineSource(false).build();
        assertThat(LibvirtMigration.flags(o)).isEqualTo(1);
        assertThat(LibvirtMigration.params(o)).containsOnlyKeys("destination_xml");
    }
}
