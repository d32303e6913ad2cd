package io.virtforge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsReadException;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read contract on {@link RealSysfs} over the fixture exported to a real directory. */
class FixtureExportedReadContractTest extends SysfsReadContract {
    @TempDir
    static Path exported;
    static FakeSysfs fake;

    @BeforeAll
    static void export() {
        fake = ContractFixture.fake();
        fake.exportTo(exported);
    }

    @Override
    protected Sysfs sysfs() {
        return new RealSysfs(exported);
    }

    @Override
    protected SysfsSnapshot expected() {
        return ContractFixture.expected();
    }

    @Test
    void theWholeExportedTreeReadsLikeTheFake() {
        SysfsSnapshot fromFake = SysfsSnapshot.capture(fake, SysfsPath.ROOT);
        SysfsSnapshot fromDisk = SysfsSnapshot.capture(sysfs(), SysfsPath.ROOT);
        assertThat(fromDisk.directories()).isEqualTo(fromFake.directories());
        assertThat(fromDisk.links()).isEqualTo(fromFake.links());
        assertThat(fromFake.files().size()).isGreaterThan(50);
        for (Map.Entry<SysfsPath, String> file : fromDisk.files().entrySet()) {
            if (fromFake.files().containsKey(file.getKey())) {
                assertThat(file.getValue()).as(file.getKey().toString()).isEqualTo(fromFake.files().get(file.getKey()));
            } else {
                // root reads a -w------- file; the fake refuses, as sysfs does
                assertThat(file.getValue()).isEmpty();
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SysfsReadException.class,
                        () -> fake.read(file.getKey())).errno()).isEqualTo(Errno.EACCES);
            }
        }
    }
}
