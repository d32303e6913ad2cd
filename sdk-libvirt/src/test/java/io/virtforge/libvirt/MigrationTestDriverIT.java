package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtDomain;
import org.junit.jupiter.api.Test;

/**
 * The migration calls where libvirt refuses them: its test driver has no migration, and its answers come back as
 * the SDK's classes through {@code LibvirtErrors}; the migratable XML is libvirt's own; it cannot compare CPUs.
 */
class MigrationTestDriverIT {
    @Test
    void theTestDriverCannotMigrateAndSaysSoAsNotSupported() {
        Hosts.assumeTestDriver();
        try (LibvirtConnection a = LibvirtConnection.open(Hosts.TEST_URI);
                LibvirtConnection b = LibvirtConnection.open(Hosts.TEST_URI)) {
            VirtDomain d = a.domain("test"); // the driver's own running domain
            assertThat(d.migratable().name()).isEqualTo("test");
            assertThatThrownBy(() -> d.migrate(b, MigrationOptions.builder().destinationXml(d.migratable()).build()))
                    .isInstanceOf(NotSupportedException.class).hasMessageContaining("migrating domain 'test'");
            assertThat(d.state().isActive()).isTrue();
            assertThatThrownBy(d::abortJob).isInstanceOfAny(NotSupportedException.class, InvalidStateException.class);
            // the test driver has no hypervisor CPU comparison either: "cannot tell", and a migration skips the check
            assertThat(a.compareGuestCpu(d.live())).isEmpty();
            assertThat(a.openDomainHandles()).isZero();
        }
    }
}
